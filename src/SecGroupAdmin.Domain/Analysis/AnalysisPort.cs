namespace SecGroupAdmin.Domain.Analysis;

/// <summary>
/// A port as the analysis reads it: its addresses (<c>fixed_ips</c>, IPv4 and IPv6 mixed) and its security groups.
/// A port with port security off allows everything, whatever its groups say.
/// </summary>
public sealed record AnalysisPort(
    string Id,
    string Name,
    bool PortSecurityEnabled,
    IReadOnlyList<string> FixedIps,
    IReadOnlyList<string> SecurityGroupIds)
{
    /// <summary>The name, or the id when the port has no name.</summary>
    public string DisplayName => string.IsNullOrEmpty(Name) ? Id : Name;
}
