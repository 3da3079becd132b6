namespace SecGroupAdmin.Domain.Rules;

/// <summary>
/// The "same network" key of a rule: its <see cref="RuleKey"/> with the remote prefix replaced by the network it means
/// (host bits cleared, as <see cref="NormalizedRule.NormalizedCidr"/>). Two rules with equal network keys but different
/// rule keys differ only by host bits (<c>203.0.113.7/24</c> and <c>203.0.113.0/24</c>): Neutron stores both, and they
/// allow the same traffic. The product warns about such a pair; it never refuses it.
/// </summary>
public readonly record struct NetworkKey(RuleKey Key)
{
    /// <summary>The key of a stored (normalised) rule.</summary>
    public static NetworkKey For(in NormalizedRule rule) =>
        new(RuleKey.For(rule with { RemoteIpPrefix = rule.NormalizedCidr ?? rule.RemoteIpPrefix }));

    /// <summary>
    /// Whether <paramref name="other"/> allows the same network as <paramref name="rule"/> without being the same rule:
    /// everything but the prefix's host bits is equal.
    /// </summary>
    public static bool SameNetworkOnly(in NormalizedRule rule, in NormalizedRule other) =>
        For(rule) == For(other) && RuleKey.For(rule) != RuleKey.For(other);
}
