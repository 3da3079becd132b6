using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Analysis;

/// <summary>
/// A stored rule as the analysis reads it: its id and its normalised form (the same <see cref="NormalizedRule"/> the
/// rest of the Domain validates, keys and checks for exposure, so protocol aliases are decided in one place).
/// </summary>
public sealed record AnalysisRule(string Id, NormalizedRule Rule)
{
    /// <summary>The rule's security group.</summary>
    public string SecurityGroupId => Rule.SecurityGroupId;

    /// <summary>
    /// Builds a rule from its stored fields; <see cref="NormalizedRule.NormalizedCidr"/> is worked out from the prefix.
    /// Handy for tests and drafts; the Web maps its rows with <c>new AnalysisRule(id, normalizedRule)</c>.
    /// </summary>
    public static AnalysisRule Of(
        string id, string securityGroupId, string direction, string ethertype, string? protocol = null,
        int? portRangeMin = null, int? portRangeMax = null, string? remoteIpPrefix = null,
        string? remoteGroupId = null, string? remoteAddressGroupId = null) =>
        new(id, new NormalizedRule(
            securityGroupId, direction, ethertype, protocol, portRangeMin, portRangeMax, remoteIpPrefix,
            IpPrefixParser.NetworkOf(remoteIpPrefix), remoteGroupId, remoteAddressGroupId, ""));
}
