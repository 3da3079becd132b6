namespace SecGroupAdmin.Web.Ports;

/// <summary>Changes to a port; null members are left unchanged.</summary>
public sealed class PortUpdateRequest
{
    public string? Name { get; init; }
    public bool? PortSecurityEnabled { get; init; }
    public IReadOnlyList<string>? SecurityGroupIds { get; init; }
    /// <summary>The port's new addresses, replacing the old ones (as Neutron does); null leaves them.</summary>
    public IReadOnlyList<string>? FixedIps { get; init; }
}
