namespace SecGroupAdmin.Web.Ports;

/// <summary>A port to create. <see cref="SecurityGroupIds"/> null means "not given" (the default group is bound).</summary>
public sealed class PortCreateRequest
{
    public string Name { get; init; } = "";
    public string NetworkId { get; init; } = "";
    public string DeviceOwner { get; init; } = "";
    public bool PortSecurityEnabled { get; init; } = true;
    public IReadOnlyList<string>? SecurityGroupIds { get; init; }
    public string? ProjectId { get; init; }
}
