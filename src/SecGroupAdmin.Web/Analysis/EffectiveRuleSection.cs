using SecGroupAdmin.Domain.Analysis;

namespace SecGroupAdmin.Web.Analysis;

/// <summary>
/// The effective lines of one direction, ethertype and protocol (null = all protocols), as the port page and the API
/// group them. <see cref="IsIcmp"/>: the lines' port range is an ICMP type and code.
/// </summary>
public sealed record EffectiveRuleSection(string Direction, string Ethertype, string? Protocol, IReadOnlyList<EffectiveRule> Lines)
{
    public bool IsIcmp => Protocol is "icmp" or "ipv6-icmp";

    /// <summary>"Ingress · IPv4 · tcp", "Egress · IPv6 · all protocols".</summary>
    public string Title =>
        $"{(Direction == "egress" ? "Egress" : "Ingress")} · {Ethertype} · {Protocol ?? "all protocols"}";
}
