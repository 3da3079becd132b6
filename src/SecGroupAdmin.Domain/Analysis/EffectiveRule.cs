namespace SecGroupAdmin.Domain.Analysis;

/// <summary>
/// One line of what a port allows: direction, ethertype, protocol (canonical name such as "tcp" or "ipv6-icmp", or
/// the number when it has no name; null = all protocols), the ports or ICMP type/code as stored (null = all), one remote
/// CIDR (the network, host bits dropped; "0.0.0.0/0" or "::/0" for anywhere) and the rules that produce it.
/// <paramref name="Text"/> is the one-line form, e.g. "ALLOW IPv4 22/tcp from 10.0.0.5/32".
/// </summary>
public sealed record EffectiveRule(
    string Direction,
    string Ethertype,
    string? Protocol,
    int? PortRangeMin,
    int? PortRangeMax,
    string Remote,
    IReadOnlyList<EffectiveRuleSource> Sources,
    string Text);
