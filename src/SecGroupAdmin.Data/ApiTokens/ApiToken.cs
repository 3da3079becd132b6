namespace SecGroupAdmin.Data.ApiTokens;

/// <summary>An API token for one user in one tenant. Only a hash of the secret is stored.</summary>
public class ApiToken
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    public string UserId { get; set; } = "";
    public string TenantId { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>SHA-256 of the secret, hex.</summary>
    public string TokenHash { get; set; } = "";
    /// <summary>The first characters of the secret, so people can tell tokens apart.</summary>
    public string Prefix { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public bool IsActive(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
