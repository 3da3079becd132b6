using System.Globalization;
using System.Text.Json.Nodes;
using SecGroupAdmin.Data.AddressGroups;
using SecGroupAdmin.Data.DefaultRules;
using SecGroupAdmin.Data.Ports;
using SecGroupAdmin.Data.Rbac;
using SecGroupAdmin.Data.SecurityGroups;

namespace SecGroupAdmin.Web.Api;

/// <summary>Neutron's resource shapes: field names, the tenant_id alias, null versus "", second-precision timestamps.</summary>
public static class ResourceViews
{
    /// <summary>Neutron's timestamp form, e.g. <c>2026-11-22T12:15:44Z</c> (whole seconds, UTC).</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static string Timestamp(DateTime utc) =>
        utc.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static JsonObject Group(SecurityGroup g, ISet<string> defaultGroupIds) => new()
    {
        ["id"] = g.Id,
        ["name"] = g.Name,
        ["stateful"] = g.Stateful,
        ["tenant_id"] = g.TenantId,
        ["description"] = g.Description,
        ["shared"] = g.Shared,
        ["security_group_rules"] = new JsonArray([.. g.Rules.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Select(r => (JsonNode)Rule(r, defaultGroupIds))]),
        ["tags"] = TagArray(g.Tags),
        ["created_at"] = Timestamp(g.CreatedAt),
        ["updated_at"] = Timestamp(g.UpdatedAt),
        ["revision_number"] = g.RevisionNumber,
        ["project_id"] = g.TenantId,
    };

    public static JsonObject Rule(SecurityGroupRule r, ISet<string> defaultGroupIds) => new()
    {
        ["id"] = r.Id,
        ["tenant_id"] = r.TenantId,
        ["security_group_id"] = r.SecurityGroupId,
        ["ethertype"] = r.Ethertype,
        ["direction"] = r.Direction,
        ["protocol"] = r.Protocol,
        ["port_range_min"] = r.PortRangeMin,
        ["port_range_max"] = r.PortRangeMax,
        ["remote_ip_prefix"] = r.RemoteIpPrefix,
        ["remote_address_group_id"] = r.RemoteAddressGroupId,
        ["normalized_cidr"] = r.NormalizedCidr,
        ["remote_group_id"] = r.RemoteGroupId,
        ["description"] = r.Description,
        ["belongs_to_default_sg"] = defaultGroupIds.Contains(r.SecurityGroupId),
        ["tags"] = TagArray(r.Tags),
        ["created_at"] = Timestamp(r.CreatedAt),
        ["updated_at"] = Timestamp(r.UpdatedAt),
        ["revision_number"] = r.RevisionNumber,
        ["project_id"] = r.TenantId,
    };

    /// <summary>
    /// A default security group rule as Neutron (2023.2+) answers it: the fields of securitygroups_db.py's
    /// _make_default_security_group_rule_dict that its attribute map shows (no project, no standard attributes).
    /// </summary>
    public static JsonObject DefaultRule(DefaultSecurityGroupRule r) => new()
    {
        ["id"] = r.Id,
        ["ethertype"] = r.Ethertype,
        ["direction"] = r.Direction,
        ["protocol"] = r.Protocol,
        ["port_range_min"] = r.PortRangeMin,
        ["port_range_max"] = r.PortRangeMax,
        ["remote_ip_prefix"] = r.RemoteIpPrefix,
        ["remote_address_group_id"] = r.RemoteAddressGroupId,
        ["remote_group_id"] = r.RemoteGroupId,
        ["description"] = r.Description,
        ["used_in_default_sg"] = r.UsedInDefaultSg,
        ["used_in_non_default_sg"] = r.UsedInNonDefaultSg,
    };

    /// <summary>
    /// An address group as the reference (Zed) answers create, show, list and update: these six fields only (its
    /// standard attributes are registered for the wrong collection name there, so they are not shown).
    /// </summary>
    public static JsonObject AddressGroup(AddressGroup g) => new()
    {
        ["id"] = g.Id,
        ["name"] = g.Name,
        ["project_id"] = g.TenantId,
        ["addresses"] = new JsonArray([.. g.Addresses.OrderBy(a => a.Position).Select(a => (JsonNode)JsonValue.Create(a.Address)!)]),
        ["description"] = g.Description,
        ["tenant_id"] = g.TenantId,
    };

    /// <summary>An RBAC policy with the reference's seven keys.</summary>
    public static JsonObject RbacPolicy(RbacPolicy p) => new()
    {
        ["id"] = p.Id,
        ["project_id"] = p.TenantId,
        ["action"] = p.Action,
        ["object_id"] = p.ObjectId,
        ["target_tenant"] = p.TargetTenant,
        ["object_type"] = p.ObjectType,
        ["tenant_id"] = p.TenantId,
    };

    /// <summary>An address group as the reference answers add_addresses/remove_addresses: also shared, revision and timestamps.</summary>
    public static JsonObject AddressGroupAfterAction(AddressGroup g)
    {
        var view = AddressGroup(g);
        view["shared"] = false;
        view["revision_number"] = g.RevisionNumber;
        view["created_at"] = Timestamp(g.CreatedAt);
        view["updated_at"] = Timestamp(g.UpdatedAt);
        return view;
    }

    private static JsonArray TagArray(IReadOnlyList<string> tags) =>
        new([.. tags.Select(t => (JsonNode)JsonValue.Create(t)!)]);

    /// <summary>A port's <c>fixed_ips</c>: <c>[{"ip_address": "10.0.0.5"}, ...]</c> in the order given (no subnets here).</summary>
    public static JsonArray FixedIps(Port p) =>
        new([.. p.FixedIps.OrderBy(f => f.Position).Select(f => (JsonNode)new JsonObject { ["ip_address"] = f.IpAddress })]);

    public static JsonObject Port(Port p) => new()
    {
        ["id"] = p.Id,
        ["name"] = p.Name,
        ["network_id"] = p.NetworkId,
        ["tenant_id"] = p.TenantId,
        ["admin_state_up"] = true,
        ["status"] = "DOWN",
        ["device_owner"] = p.DeviceOwner,
        ["port_security_enabled"] = p.PortSecurityEnabled,
        ["security_groups"] = new JsonArray([.. p.SecurityGroups.Select(g => g.Id).Order(StringComparer.Ordinal).Select(id => (JsonNode)JsonValue.Create(id)!)]),
        ["fixed_ips"] = FixedIps(p),
        ["description"] = "",
        ["tags"] = new JsonArray(),
        ["created_at"] = Timestamp(p.CreatedAt),
        ["updated_at"] = Timestamp(p.UpdatedAt),
        ["revision_number"] = p.RevisionNumber,
        ["project_id"] = p.TenantId,
    };
}
