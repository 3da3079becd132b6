using SecGroupAdmin.Domain.Errors;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>
/// A change set refused because of one of its rows: Neutron's error for that rule (its <see cref="NeutronError.Field"/>
/// names the field) and where the row is (<see cref="Part"/>, <see cref="Index"/> in that list, the stored rule's id for
/// a changed or removed row), so a form shows it at the row. Nothing of the change set was written.
/// </summary>
public sealed class RuleChangeSetException(NeutronError error, RuleChangeSetPart part, int index, string? ruleId) : Exception(error.Message)
{
    public NeutronError Error { get; } = error;
    public RuleChangeSetPart Part { get; } = part;
    public int Index { get; } = index;
    public string? RuleId { get; } = ruleId;

    /// <summary>The rule was changed or deleted by someone else since the draft was read.</summary>
    public bool IsConflict => Error.Type is NeutronErrorTypes.SecurityGroupRuleNotFound || Error.Status == 412;
}
