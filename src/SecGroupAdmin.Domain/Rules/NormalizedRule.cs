namespace SecGroupAdmin.Domain.Rules;

/// <summary>
/// A rule in Neutron's storage form: direction "ingress"/"egress", ethertype "IPv4"/"IPv6",
/// protocol a lower-case name or a digit string as given (null = any), ports (or ICMP type/code),
/// the remote prefix with its mask and host bits kept (IPv6 compressed, lower-case),
/// <see cref="NormalizedCidr"/> = the prefix's network address (null without a prefix),
/// at most one remote, and a description ("" by default).
/// </summary>
public readonly record struct NormalizedRule(
    string SecurityGroupId,
    string Direction,
    string Ethertype,
    string? Protocol,
    int? PortRangeMin,
    int? PortRangeMax,
    string? RemoteIpPrefix,
    string? NormalizedCidr,
    string? RemoteGroupId,
    string? RemoteAddressGroupId,
    string Description);
