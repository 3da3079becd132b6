using SecGroupAdmin.Data.AddressGroups;
using SecGroupAdmin.Data.DefaultRules;
using SecGroupAdmin.Data.Ports;
using SecGroupAdmin.Data.SecurityGroups;

namespace SecGroupAdmin.Web.Audit;

/// <summary>What the audit log keeps of a resource before and after a change: its fields, never secrets.</summary>
public static class AuditSnapshots
{
    public static object Of(SecurityGroup g) => new
    {
        id = g.Id,
        name = g.Name,
        description = g.Description,
        stateful = g.Stateful,
        project_id = g.TenantId,
        revision_number = g.RevisionNumber,
    };

    public static object Of(SecurityGroupRule r) => new
    {
        id = r.Id,
        security_group_id = r.SecurityGroupId,
        direction = r.Direction,
        ethertype = r.Ethertype,
        protocol = r.Protocol,
        port_range_min = r.PortRangeMin,
        port_range_max = r.PortRangeMax,
        remote_ip_prefix = r.RemoteIpPrefix,
        normalized_cidr = r.NormalizedCidr,
        remote_group_id = r.RemoteGroupId,
        remote_address_group_id = r.RemoteAddressGroupId,
        description = r.Description,
        project_id = r.TenantId,
    };

    public static object Of(AddressGroup g) => new
    {
        id = g.Id,
        name = g.Name,
        description = g.Description,
        addresses = g.Addresses.OrderBy(a => a.Position).Select(a => a.Address).ToArray(),
        project_id = g.TenantId,
        revision_number = g.RevisionNumber,
    };

    public static object Of(Port p) => new
    {
        id = p.Id,
        name = p.Name,
        network_id = p.NetworkId,
        port_security_enabled = p.PortSecurityEnabled,
        security_groups = p.SecurityGroups.Select(g => g.Id).Order().ToArray(),
        fixed_ips = p.FixedIps.OrderBy(f => f.Position).Select(f => new { ip_address = f.IpAddress }).ToArray(),
        project_id = p.TenantId,
    };

    public static object Of(DefaultSecurityGroupRule r) => new
    {
        id = r.Id,
        direction = r.Direction,
        ethertype = r.Ethertype,
        protocol = r.Protocol,
        port_range_min = r.PortRangeMin,
        port_range_max = r.PortRangeMax,
        remote_ip_prefix = r.RemoteIpPrefix,
        remote_group_id = r.RemoteGroupId,
        remote_address_group_id = r.RemoteAddressGroupId,
        description = r.Description,
        used_in_default_sg = r.UsedInDefaultSg,
        used_in_non_default_sg = r.UsedInNonDefaultSg,
    };
}
