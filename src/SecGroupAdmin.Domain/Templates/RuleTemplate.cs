namespace SecGroupAdmin.Domain.Templates;

/// <summary>
/// A rule preset of the Add Rule form (Horizon's rule menu). Custom presets leave the ports (or ICMP
/// type/code, or protocol) to the user; <paramref name="Direction"/> null means the user picks it.
/// <paramref name="IsSensitive"/> marks the presets that <see cref="Rules.RuleExposure"/> calls exposed as an ingress
/// rule from anywhere: admin and database ports, and all TCP or UDP ports.
/// <paramref name="ServiceName"/> is the short name shown next to a port ("SSH"); it defaults to the label.
/// </summary>
public sealed record RuleTemplate(
    string Key,
    string Label,
    string? Protocol,
    int? PortRangeMin,
    int? PortRangeMax,
    string? Direction,
    bool IsCustom,
    bool IsSensitive,
    string? ServiceName = null)
{
    /// <summary>The name shown next to a single port, e.g. "SSH" in "22 (SSH)".</summary>
    public string DisplayName => ServiceName ?? Label;
}
