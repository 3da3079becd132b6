namespace SecGroupAdmin.Web.Keystone;

/// <summary>The <c>Identity</c> section: how long Keystone tokens live and how the catalog names this server.</summary>
public sealed class KeystoneOptions
{
    public const string Section = "Identity";

    /// <summary>How long a token from <c>POST /identity/v3/auth/tokens</c> is valid (Keystone's default: one hour).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The address clients reach this server at, for the catalog and the version documents (e.g.
    /// <c>https://sga.example.org</c>). Empty: the request's own scheme, host and path base (after the proxy headers).
    /// </summary>
    public string PublicUrl { get; set; } = "";

    /// <summary>The region every catalog endpoint is in.</summary>
    public string Region { get; set; } = "RegionOne";
}
