using System.Linq.Expressions;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.AddressGroups;
using SecGroupAdmin.Data.DefaultRules;
using SecGroupAdmin.Data.Ports;
using SecGroupAdmin.Data.Rbac;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Rbac;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// The filterable and sortable fields of each listed resource (the names of <see cref="ResourceViews"/>) and the
/// columns behind them, for <see cref="SqlList"/>.
/// </summary>
public static class ListFields
{
    public static readonly IReadOnlyDictionary<string, ListField<SecurityGroup>> Groups = new Dictionary<string, ListField<SecurityGroup>>
    {
        ["id"] = Id<SecurityGroup>(g => g.Id),
        ["name"] = Text<SecurityGroup>(g => g.Name),
        ["description"] = Text<SecurityGroup>(g => g.Description),
        ["tenant_id"] = Text<SecurityGroup>(g => g.TenantId),
        ["project_id"] = Text<SecurityGroup>(g => g.TenantId),
        ["stateful"] = Boolean<SecurityGroup>(g => g.Stateful),
        // For a caller whose tenant receives no shares (see GroupsFor for the others): nothing is shared with them.
        ["shared"] = Custom<SecurityGroup>(wanted => Shared(wanted) ? g => false : g => true),
        ["revision_number"] = Number<SecurityGroup>(g => g.RevisionNumber),
        ["created_at"] = Timestamp<SecurityGroup>(g => g.CreatedAt),
        ["updated_at"] = Timestamp<SecurityGroup>(g => g.UpdatedAt),
    };

    /// <summary>
    /// The group fields for <paramref name="caller"/>: <c>shared</c> is true for the groups an RBAC policy shares with
    /// their tenant (<see cref="Sharing"/>), looked for only when the tenant receives shares.
    /// </summary>
    public static IReadOnlyDictionary<string, ListField<SecurityGroup>> GroupsFor(AppDbContext db, Caller caller)
    {
        if (!caller.ReceivesShares)
        {
            return Groups;
        }
        var shared = Sharing.GroupSharedWith(db, caller.TenantId);
        var notShared = Expression.Lambda<Func<SecurityGroup, bool>>(Expression.Not(shared.Body), shared.Parameters);
        return new Dictionary<string, ListField<SecurityGroup>>(Groups)
        {
            ["shared"] = Custom<SecurityGroup>(wanted => Shared(wanted) ? shared : notShared),
        };
    }

    /// <summary>A <c>shared</c> filter value as Neutron converts it: true or false, else 400 InvalidInput.</summary>
    internal static bool Shared(string wanted) =>
        ListQuery.IsTrue(wanted) || (!ListQuery.IsFalse(wanted)
            ? throw new NeutronException(NeutronErrors.InvalidInput($"'{wanted}' cannot be converted to boolean"))
            : false);

    /// <summary>The rule fields; <c>belongs_to_default_sg</c> asks <paramref name="db"/>'s default groups.</summary>
    public static IReadOnlyDictionary<string, ListField<SecurityGroupRule>> Rules(AppDbContext db)
    {
        Expression<Func<SecurityGroupRule, bool>> inDefault = r => db.DefaultSecurityGroups.Any(d => d.SecurityGroupId == r.SecurityGroupId);
        return new Dictionary<string, ListField<SecurityGroupRule>>
        {
            ["id"] = Id<SecurityGroupRule>(r => r.Id),
            ["security_group_id"] = Text<SecurityGroupRule>(r => r.SecurityGroupId),
            ["direction"] = Text<SecurityGroupRule>(r => r.Direction),
            ["ethertype"] = Text<SecurityGroupRule>(r => r.Ethertype),
            ["protocol"] = Text<SecurityGroupRule>(r => r.Protocol),
            ["port_range_min"] = Number<SecurityGroupRule>(r => r.PortRangeMin),
            ["port_range_max"] = Number<SecurityGroupRule>(r => r.PortRangeMax),
            ["remote_ip_prefix"] = Text<SecurityGroupRule>(r => r.RemoteIpPrefix),
            ["remote_group_id"] = Text<SecurityGroupRule>(r => r.RemoteGroupId),
            ["remote_address_group_id"] = Text<SecurityGroupRule>(r => r.RemoteAddressGroupId),
            ["normalized_cidr"] = Text<SecurityGroupRule>(r => r.NormalizedCidr),
            ["description"] = Text<SecurityGroupRule>(r => r.Description),
            ["tenant_id"] = Text<SecurityGroupRule>(r => r.TenantId),
            ["project_id"] = Text<SecurityGroupRule>(r => r.TenantId),
            ["belongs_to_default_sg"] = Boolean<SecurityGroupRule>(inDefault),
            ["revision_number"] = Number<SecurityGroupRule>(r => r.RevisionNumber),
            ["created_at"] = Timestamp<SecurityGroupRule>(r => r.CreatedAt),
            ["updated_at"] = Timestamp<SecurityGroupRule>(r => r.UpdatedAt),
        };
    }

    public static readonly IReadOnlyDictionary<string, ListField<AddressGroup>> AddressGroups = new Dictionary<string, ListField<AddressGroup>>
    {
        ["id"] = Id<AddressGroup>(g => g.Id),
        ["name"] = Text<AddressGroup>(g => g.Name),
        ["description"] = Text<AddressGroup>(g => g.Description),
        ["tenant_id"] = Text<AddressGroup>(g => g.TenantId),
        ["project_id"] = Text<AddressGroup>(g => g.TenantId),
    };

    public static readonly IReadOnlyDictionary<string, ListField<RbacPolicy>> RbacPolicies = new Dictionary<string, ListField<RbacPolicy>>
    {
        ["id"] = Id<RbacPolicy>(p => p.Id),
        ["object_type"] = Text<RbacPolicy>(p => p.ObjectType),
        ["object_id"] = Text<RbacPolicy>(p => p.ObjectId),
        ["action"] = Text<RbacPolicy>(p => p.Action),
        ["target_tenant"] = Text<RbacPolicy>(p => p.TargetTenant),
        ["tenant_id"] = Text<RbacPolicy>(p => p.TenantId),
        ["project_id"] = Text<RbacPolicy>(p => p.TenantId),
    };

    public static readonly IReadOnlyDictionary<string, ListField<DefaultSecurityGroupRule>> DefaultRules = new Dictionary<string, ListField<DefaultSecurityGroupRule>>
    {
        ["id"] = Id<DefaultSecurityGroupRule>(r => r.Id),
        ["direction"] = Text<DefaultSecurityGroupRule>(r => r.Direction),
        ["ethertype"] = Text<DefaultSecurityGroupRule>(r => r.Ethertype),
        ["protocol"] = Text<DefaultSecurityGroupRule>(r => r.Protocol),
        ["port_range_min"] = Number<DefaultSecurityGroupRule>(r => r.PortRangeMin),
        ["port_range_max"] = Number<DefaultSecurityGroupRule>(r => r.PortRangeMax),
        ["remote_ip_prefix"] = Text<DefaultSecurityGroupRule>(r => r.RemoteIpPrefix),
        ["remote_group_id"] = Text<DefaultSecurityGroupRule>(r => r.RemoteGroupId),
        ["remote_address_group_id"] = Text<DefaultSecurityGroupRule>(r => r.RemoteAddressGroupId),
        ["description"] = Text<DefaultSecurityGroupRule>(r => r.Description),
        ["used_in_default_sg"] = Boolean<DefaultSecurityGroupRule>(r => r.UsedInDefaultSg),
        ["used_in_non_default_sg"] = Boolean<DefaultSecurityGroupRule>(r => r.UsedInNonDefaultSg),
    };

    public static readonly IReadOnlyDictionary<string, ListField<Port>> Ports = new Dictionary<string, ListField<Port>>
    {
        ["id"] = Id<Port>(p => p.Id),
        ["name"] = Text<Port>(p => p.Name),
        ["network_id"] = Text<Port>(p => p.NetworkId),
        ["tenant_id"] = Text<Port>(p => p.TenantId),
        ["project_id"] = Text<Port>(p => p.TenantId),
        ["device_owner"] = Text<Port>(p => p.DeviceOwner),
        ["port_security_enabled"] = Boolean<Port>(p => p.PortSecurityEnabled),
        ["security_groups"] = Custom<Port>(wanted => p => p.SecurityGroups.Any(g => g.Id == wanted)),
        ["fixed_ips"] = Custom<Port>(FixedIpFilter.Sql),
        ["revision_number"] = Number<Port>(p => p.RevisionNumber),
        ["created_at"] = Timestamp<Port>(p => p.CreatedAt),
        ["updated_at"] = Timestamp<Port>(p => p.UpdatedAt),
    };

    private static ListField<T> Id<T>(Expression<Func<T, string>> value) => new(ListFieldKind.Text, value, null, true);

    private static ListField<T> Text<T>(Expression<Func<T, string?>> value) => new(ListFieldKind.Text, value, null, false);

    private static ListField<T> Number<T>(Expression<Func<T, int?>> value) => new(ListFieldKind.Number, value, null, false);

    private static ListField<T> Number<T>(Expression<Func<T, long>> value) => new(ListFieldKind.Number, value, null, false);

    private static ListField<T> Boolean<T>(Expression<Func<T, bool>> value) => new(ListFieldKind.Boolean, value, null, false);

    private static ListField<T> Timestamp<T>(Expression<Func<T, DateTime>> value) => new(ListFieldKind.Timestamp, value, null, false);

    private static ListField<T> Custom<T>(Func<string, Expression<Func<T, bool>>> match) => new(ListFieldKind.Custom, null, match, false);
}
