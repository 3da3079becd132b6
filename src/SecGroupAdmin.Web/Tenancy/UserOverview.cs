namespace SecGroupAdmin.Web.Tenancy;

/// <summary>
/// One user on the operator's users list: global roles, lock state (<see cref="IsLocked"/>: admin-locked, or locked out
/// for now after failed sign-ins) and memberships ("tenant:role").
/// </summary>
public sealed record UserOverview(
    string Id,
    string Email,
    string? DisplayName,
    bool IsLocked,
    IReadOnlyList<string> GlobalRoles,
    IReadOnlyList<string> Memberships);
