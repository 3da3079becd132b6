namespace SecGroupAdmin.Domain.Analysis;

/// <summary>What a <see cref="Finding"/> is about (the API spells them "redundant" and "exposed").</summary>
public enum FindingKind
{
    /// <summary>The other rules already allow everything the rule allows: removing it changes nothing.</summary>
    Redundant,

    /// <summary>The rule is exposed to the whole internet (<see cref="Rules.RuleExposure"/>'s verdict).</summary>
    Exposed,
}
