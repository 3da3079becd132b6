namespace SecGroupAdmin.Web.Hosting;

/// <summary>
/// The <c>RateLimits</c> section: fixed windows for password sign-in (per client address and per account) and for
/// token-authenticated requests (per client address and per token). A permit count of 0 switches that limit off.
/// </summary>
public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in posts from one client address per window.</summary>
    public int SignInPerAddress { get; set; } = 20;

    /// <summary>Sign-in posts naming one account (the posted email) per window, from any address.</summary>
    public int SignInPerAccount { get; set; } = 10;

    public int SignInWindowSeconds { get; set; } = 60;

    /// <summary>API and token-authenticated requests from one client address per window.</summary>
    public int ApiPerAddress { get; set; } = 3000;

    /// <summary>Requests carrying one token (valid or not) per window, from any address.</summary>
    public int ApiPerToken { get; set; } = 3000;

    public int ApiWindowSeconds { get; set; } = 60;
}
