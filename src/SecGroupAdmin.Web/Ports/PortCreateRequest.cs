namespace SecGroupAdmin.Web.Ports;

/// <summary>A port to create. <see cref="SecurityGroupIds"/> null means "not given" (the default group is bound).</summary>
public sealed class PortCreateRequest
{
    public string Name { get; init; } = "";
    public string NetworkId { get; init; } = "";
    public string DeviceOwner { get; init; } = "";
    public bool PortSecurityEnabled { get; init; } = true;
    public IReadOnlyList<string>? SecurityGroupIds { get; init; }
    /// <summary>The port's addresses (<c>fixed_ips</c>) as given; the service checks and normalizes them.</summary>
    public IReadOnlyList<string> FixedIps { get; init; } = [];
    public string? ProjectId { get; init; }
}
