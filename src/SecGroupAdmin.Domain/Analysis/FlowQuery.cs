namespace SecGroupAdmin.Domain.Analysis;

/// <summary>
/// A what-if question: may this traffic reach (<c>ingress</c>) or leave (<c>egress</c>) the port?
/// <list type="bullet">
/// <item><see cref="Ethertype"/>: "IPv4"/"IPv6" (any case); null = the remote address's family, else IPv4.</item>
/// <item><see cref="Protocol"/>: a name (any case, "icmpv6" too) or a number 0-255; null, "" or "any" (or 0, ip, hopopt)
/// asks about every protocol at once.</item>
/// <item><see cref="Port"/> (1-65535) for tcp, udp, sctp, udplite, dccp; null = every port.</item>
/// <item><see cref="IcmpType"/>/<see cref="IcmpCode"/> (0-255) for icmp and ipv6-icmp; null = every type / code.</item>
/// <item>The other end: <see cref="RemoteIp"/> (one address) or <see cref="RemotePortId"/> (all that port's addresses
/// of the ethertype); neither = every address.</item>
/// </list>
/// A field left out means "all of them": the flow is allowed only when all of it is.
/// </summary>
public sealed record FlowQuery(
    string PortId,
    string Direction,
    string? Ethertype = null,
    string? Protocol = null,
    int? Port = null,
    int? IcmpType = null,
    int? IcmpCode = null,
    string? RemoteIp = null,
    string? RemotePortId = null);
