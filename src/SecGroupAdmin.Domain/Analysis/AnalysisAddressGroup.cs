namespace SecGroupAdmin.Domain.Analysis;

/// <summary>An address group: its id and its addresses (CIDRs, IPv4 and IPv6 mixed, host bits allowed).</summary>
public sealed record AnalysisAddressGroup(string Id, IReadOnlyList<string> Addresses);
