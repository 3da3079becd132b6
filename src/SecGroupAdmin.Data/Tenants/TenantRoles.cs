namespace SecGroupAdmin.Data.Tenants;

/// <summary>Roles a user can hold in one tenant, and the global roles.</summary>
public static class TenantRoles
{
    /// <summary>Manages the tenant's members and everything a member can do.</summary>
    public const string Admin = "admin";
    /// <summary>Creates, changes and deletes the tenant's groups, rules and ports.</summary>
    public const string Member = "member";
    /// <summary>Reads the tenant's groups, rules and ports.</summary>
    public const string Reader = "reader";

    /// <summary>Global: Neutron's admin, acts on every tenant.</summary>
    public const string CloudAdmin = "CloudAdmin";
    /// <summary>Global: reads every tenant, writes nothing.</summary>
    public const string Auditor = "Auditor";

    public static readonly IReadOnlyList<string> All = [Admin, Member, Reader];
    public static readonly IReadOnlyList<string> Global = [CloudAdmin, Auditor];

    public static bool IsValid(string? role) => role is Admin or Member or Reader;

    /// <summary>admin and member may write; reader may not.</summary>
    public static bool CanWrite(string? role) => role is Admin or Member;
}
