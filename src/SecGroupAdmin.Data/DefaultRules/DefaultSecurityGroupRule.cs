using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Data.DefaultRules;

/// <summary>
/// One rule of the template new groups are made from (Neutron 2023.2's <c>default_security_group_rules</c>): the
/// same attributes as a rule, with <see cref="RemoteGroupId"/> possibly <c>PARENT</c> (the new group itself), and
/// which kind of new group it goes into. Not owned by a tenant. Changing the template leaves existing groups alone.
/// </summary>
public class DefaultSecurityGroupRule
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    public string Direction { get; set; } = Directions.Egress;
    public string Ethertype { get; set; } = Ethertypes.IPv4;
    public string? Protocol { get; set; }
    public int? PortRangeMin { get; set; }
    public int? PortRangeMax { get; set; }
    public string? RemoteIpPrefix { get; set; }
    /// <summary>A group id, or <c>PARENT</c>: the group being created.</summary>
    public string? RemoteGroupId { get; set; }
    public string? RemoteAddressGroupId { get; set; }
    public string Description { get; set; } = "";
    /// <summary>Goes into each tenant's <c>default</c> group when it is created.</summary>
    public bool UsedInDefaultSg { get; set; }
    /// <summary>Goes into every other new group.</summary>
    public bool UsedInNonDefaultSg { get; set; } = true;
    /// <summary>The template's order (also the order a new group's rules are made in).</summary>
    public DateTime CreatedAt { get; set; }

    public NormalizedRule ToNormalized() => new(
        "", Direction, Ethertype, Protocol, PortRangeMin, PortRangeMax, RemoteIpPrefix,
        IpPrefixParser.NetworkOf(RemoteIpPrefix),
        RemoteGroupId, RemoteAddressGroupId, Description);
}
