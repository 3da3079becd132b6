namespace SecGroupAdmin.Domain.Analysis;

/// <summary>
/// A finding about one rule: <paramref name="CoveredBy"/> is the proof of a redundant rule (the rules whose union
/// allows everything it allows; empty when the rule allows nothing at all), empty for an exposed rule.
/// </summary>
public sealed record Finding(FindingKind Kind, string RuleId, string SecurityGroupId, IReadOnlyList<string> CoveredBy, string Reason)
{
    /// <summary>"redundant" or "exposed", as the API spells the kind.</summary>
    public string KindText => Kind == FindingKind.Redundant ? "redundant" : "exposed";
}
