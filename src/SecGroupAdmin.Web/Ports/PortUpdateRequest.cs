namespace SecGroupAdmin.Web.Ports;

/// <summary>Changes to a port; null members are left unchanged.</summary>
public sealed class PortUpdateRequest
{
    public string? Name { get; init; }
    public bool? PortSecurityEnabled { get; init; }
    public IReadOnlyList<string>? SecurityGroupIds { get; init; }
}
