namespace SecGroupAdmin.Web.ApiTokens;

/// <summary>Why a presented API token was not accepted.</summary>
public enum ApiTokenRefusal
{
    /// <summary>No token was presented (null, empty or white space).</summary>
    Missing,
    /// <summary>No stored token has this secret.</summary>
    Unknown,
    /// <summary>The token was revoked.</summary>
    Revoked,
    /// <summary>The token's expiry has passed.</summary>
    Expired,
    /// <summary>
    /// The token's user is admin-locked (<c>ApplicationUser.AdminLockedAt</c>) or no longer exists. A lockout after
    /// failed sign-ins does not refuse tokens.
    /// </summary>
    UserLocked,
}
