namespace SecGroupAdmin.Web.Tenancy;

/// <summary>One member of a tenant, as the people page lists them.</summary>
public sealed record MemberView(string UserId, string Email, string? DisplayName, string Role, DateTime Since);
