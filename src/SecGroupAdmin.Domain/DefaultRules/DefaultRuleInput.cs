using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.DefaultRules;

/// <summary>
/// A template rule as submitted (API body or form), before any conversion: a rule's attributes without a group,
/// plus which kind of new group it goes into. Every attribute defaults to <see cref="InputValue.Absent"/>.
/// </summary>
public sealed class DefaultRuleInput
{
    public InputValue Direction { get; set; }
    public InputValue Ethertype { get; set; }
    public InputValue Protocol { get; set; }
    public InputValue PortRangeMin { get; set; }
    public InputValue PortRangeMax { get; set; }
    public InputValue RemoteIpPrefix { get; set; }
    public InputValue RemoteGroupId { get; set; }
    public InputValue RemoteAddressGroupId { get; set; }
    public InputValue Description { get; set; }
    public InputValue UsedInDefaultSg { get; set; }
    public InputValue UsedInNonDefaultSg { get; set; }
}
