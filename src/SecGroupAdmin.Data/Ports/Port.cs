using SecGroupAdmin.Data.SecurityGroups;

namespace SecGroupAdmin.Data.Ports;

/// <summary>A network port; the groups bound to it are what make a group "in use".</summary>
public class Port
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    public string TenantId { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>Free text: SecGroupAdmin does not model networks.</summary>
    public string NetworkId { get; set; } = "";
    public string DeviceOwner { get; set; } = "";
    public bool PortSecurityEnabled { get; set; } = true;
    public long RevisionNumber { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<SecurityGroup> SecurityGroups { get; set; } = [];

    /// <summary>The port's addresses (<c>fixed_ips</c>), ordered by <see cref="PortFixedIp.Position"/>.</summary>
    public List<PortFixedIp> FixedIps { get; set; } = [];
}
