namespace SecGroupAdmin.Domain.Analysis;

/// <summary>
/// The answer to a <see cref="FlowQuery"/>: whether it is allowed, EVERY rule that allows (part of) it, in the order
/// of the port's groups and their rules, and a sentence saying why. When the question itself is wrong,
/// <see cref="InvalidField"/> names the field (e.g. "port_id" for an unknown port, "protocol", "remote_ip") and
/// <see cref="Reason"/> says what is wrong; <see cref="Allowed"/> is then false.
/// </summary>
public sealed record FlowVerdict(bool Allowed, IReadOnlyList<RuleRef> MatchingRules, string Reason, string? InvalidField = null)
{
    public bool IsValid => InvalidField is null;

    internal static FlowVerdict Invalid(string field, string message) => new(false, [], message, field);
}
