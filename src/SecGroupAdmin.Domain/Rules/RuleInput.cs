namespace SecGroupAdmin.Domain.Rules;

/// <summary>
/// A security group rule as submitted (API body or form), before any conversion.
/// Every attribute defaults to <see cref="InputValue.Absent"/>.
/// </summary>
public sealed class RuleInput
{
    public InputValue SecurityGroupId { get; set; }
    public InputValue Direction { get; set; }
    public InputValue Ethertype { get; set; }
    public InputValue Protocol { get; set; }
    public InputValue PortRangeMin { get; set; }
    public InputValue PortRangeMax { get; set; }
    public InputValue RemoteIpPrefix { get; set; }
    public InputValue RemoteGroupId { get; set; }
    public InputValue RemoteAddressGroupId { get; set; }
    public InputValue Description { get; set; }

    /// <summary>
    /// Builds an input from a UI form. Optional fields given as null are left absent, so the API
    /// defaults apply (ethertype IPv4, no protocol, no ports, no remote, empty description).
    /// </summary>
    public static RuleInput FromForm(
        string securityGroupId,
        string direction,
        string? ethertype,
        string? protocol,
        int? portRangeMin,
        int? portRangeMax,
        string? remoteIpPrefix,
        string? remoteGroupId,
        string? description,
        string? remoteAddressGroupId = null) => new()
        {
            SecurityGroupId = InputValue.FromString(securityGroupId),
            Direction = InputValue.FromString(direction),
            Ethertype = ethertype is null ? InputValue.Absent : InputValue.FromString(ethertype),
            Protocol = protocol is null ? InputValue.Absent : InputValue.FromString(protocol),
            PortRangeMin = portRangeMin is { } min ? InputValue.FromInteger(min) : InputValue.Absent,
            PortRangeMax = portRangeMax is { } max ? InputValue.FromInteger(max) : InputValue.Absent,
            RemoteIpPrefix = remoteIpPrefix is null ? InputValue.Absent : InputValue.FromString(remoteIpPrefix),
            RemoteGroupId = remoteGroupId is null ? InputValue.Absent : InputValue.FromString(remoteGroupId),
            Description = description is null ? InputValue.Absent : InputValue.FromString(description),
            RemoteAddressGroupId = remoteAddressGroupId is null ? InputValue.Absent : InputValue.FromString(remoteAddressGroupId),
        };
}
