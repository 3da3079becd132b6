namespace SecGroupAdmin.Web.Auth;

/// <summary>
/// A presented token that works now: its id (never its secret), its user, the tenant it is scoped to (null for an
/// unscoped Keystone token, which no resource API accepts) and when it ends.
/// </summary>
public sealed record ValidatedToken(string Id, string UserId, string? TenantId, DateTime? ExpiresAt);
