namespace SecGroupAdmin.Data.Ports;

/// <summary>
/// One fixed IP of a <see cref="Port"/> (Neutron's <c>fixed_ips</c> entry, an address alone: no subnets here), in its
/// normalized form. An address belongs to at most one port of a tenant.
/// </summary>
public class PortFixedIp
{
    public string PortId { get; set; } = "";
    /// <summary>The port's tenant, for the per-tenant uniqueness of addresses.</summary>
    public string TenantId { get; set; } = "";
    public string IpAddress { get; set; } = "";
    /// <summary>Orders a port's addresses as they were given.</summary>
    public int Position { get; set; }
}
