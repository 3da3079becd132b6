using SecGroupAdmin.Data;
using SecGroupAdmin.Data.AddressGroups;
using SecGroupAdmin.Data.Ports;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Web.Rbac;

namespace SecGroupAdmin.Web.Auth;

/// <summary>
/// The rows a <see cref="Caller"/> may read: all of them for CloudAdmin and Auditor, their tenant's for a role in it,
/// none without a role; and security and address groups shared with their tenant (<see cref="Sharing"/>), looked for only
/// when the caller's tenant receives shares (so the queries of a tenant nothing is shared with are unchanged). A shared
/// group's rules are read with the group, not through the rules list (as the reference: its rules list omits them).
/// </summary>
public static class Visible
{
    /// <summary>Groups the caller may see.</summary>
    public static IQueryable<SecurityGroup> Groups(AppDbContext db, Caller caller) =>
        caller.IsAdmin || caller.IsAuditor
            ? db.SecurityGroups
            : caller.TenantRole is null
                ? db.SecurityGroups.Where(_ => false)
                : caller.ReceivesShares
                    ? db.SecurityGroups.Where(Sharing.OwnOrSharedGroup(db, caller.TenantId))
                    : db.SecurityGroups.Where(g => g.TenantId == caller.TenantId);

    /// <summary>Rules the caller may see: those whose parent group the caller may see (its project, stored on the rule).</summary>
    public static IQueryable<SecurityGroupRule> Rules(AppDbContext db, Caller caller) =>
        caller.IsAdmin || caller.IsAuditor
            ? db.SecurityGroupRules
            : caller.TenantRole is null
                ? db.SecurityGroupRules.Where(_ => false)
                : db.SecurityGroupRules.Where(r => r.GroupTenantId == caller.TenantId);

    /// <summary>Address groups the caller may see (as groups: another tenant's are not found unless shared).</summary>
    public static IQueryable<AddressGroup> AddressGroups(AppDbContext db, Caller caller) =>
        caller.IsAdmin || caller.IsAuditor
            ? db.AddressGroups
            : caller.TenantRole is null
                ? db.AddressGroups.Where(_ => false)
                : caller.ReceivesShares
                    ? db.AddressGroups.Where(Sharing.OwnOrSharedAddressGroup(db, caller.TenantId))
                    : db.AddressGroups.Where(g => g.TenantId == caller.TenantId);

    /// <summary>Ports the caller may see.</summary>
    public static IQueryable<Port> Ports(AppDbContext db, Caller caller) =>
        caller.IsAdmin || caller.IsAuditor
            ? db.Ports
            : caller.TenantRole is null ? db.Ports.Where(_ => false) : db.Ports.Where(p => p.TenantId == caller.TenantId);
}
