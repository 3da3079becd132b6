namespace SecGroupAdmin.Data.Keystone;

/// <summary>
/// A token issued by the Keystone v3 endpoint (<c>POST /identity/v3/auth/tokens</c>) for one user, scoped to one
/// tenant (Keystone's project) or unscoped. Only a hash of the secret is stored. It proves who the caller is until it
/// expires or is revoked; what the caller may do is decided per request from current data.
/// </summary>
public class KeystoneToken
{
    public string Id { get; set; } = Guid.NewGuid().ToString("N");
    /// <summary>SHA-256 of the secret, hex.</summary>
    public string TokenHash { get; set; } = "";
    public string UserId { get; set; } = "";
    /// <summary>The project the token is scoped to; null for an unscoped token.</summary>
    public string? TenantId { get; set; }
    /// <summary>How the user authenticated: <c>password</c> or <c>application_credential</c>.</summary>
    public string Method { get; set; } = "";
    /// <summary>The API token used as an application credential; the token ends with it.</summary>
    public string? ApplicationCredentialId { get; set; }
    public DateTime IssuedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
