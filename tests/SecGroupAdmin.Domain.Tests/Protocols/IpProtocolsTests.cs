using SecGroupAdmin.Domain.Protocols;

namespace SecGroupAdmin.Domain.Tests.Protocols;

/// <summary>The protocol table (neutron_lib IP_PROTOCOL_MAP).</summary>
public class IpProtocolsTests
{
    [Theory]
    [InlineData("ah", 51)]
    [InlineData("dccp", 33)]
    [InlineData("egp", 8)]
    [InlineData("esp", 50)]
    [InlineData("gre", 47)]
    [InlineData("hopopt", 0)]
    [InlineData("icmp", 1)]
    [InlineData("igmp", 2)]
    [InlineData("ip", 0)]
    [InlineData("ipip", 4)]
    [InlineData("ipv6-encap", 41)]
    [InlineData("ipv6-frag", 44)]
    [InlineData("ipv6-icmp", 58)]
    [InlineData("icmpv6", 58)]
    [InlineData("ipv6-nonxt", 59)]
    [InlineData("ipv6-opts", 60)]
    [InlineData("ipv6-route", 43)]
    [InlineData("ospf", 89)]
    [InlineData("pgm", 113)]
    [InlineData("rsvp", 46)]
    [InlineData("sctp", 132)]
    [InlineData("tcp", 6)]
    [InlineData("udp", 17)]
    [InlineData("udplite", 136)]
    [InlineData("vrrp", 112)]
    [InlineData("SCTP", 132)]
    public void Name_to_number(string name, int number)
    {
        Assert.True(IpProtocols.TryGetNumber(name, out int actual));
        Assert.Equal(number, actual);
    }

    [Theory]
    [InlineData(0, "ip")]
    [InlineData(58, "ipv6-icmp")]
    [InlineData(6, "tcp")]
    [InlineData(1, "icmp")]
    [InlineData(111, null)]
    [InlineData(256, null)]
    public void Canonical_names(int number, string? name)
    {
        Assert.Equal(name, IpProtocols.CanonicalName(number));
    }

    [Fact]
    public void Classes_and_message_list()
    {
        Assert.Equal(25, IpProtocols.Names.Count);
        Assert.False(IpProtocols.TryGetNumber("any", out _));
        Assert.Equal(new[] { 6, 17, 33, 132, 136 }, Enumerable.Range(0, 256).Where(IpProtocols.AllowsPorts));
        Assert.Equal(new[] { 1, 58 }, Enumerable.Range(0, 256).Where(IpProtocols.IsIcmp));
        Assert.Equal(new[] { 41, 43, 44, 58, 59, 60 }, Enumerable.Range(0, 256).Where(IpProtocols.IsIpv6Only));
        Assert.Equal(
            "[None, 'ah', 'dccp', 'egp', 'esp', 'gre', 'hopopt', 'icmp', 'igmp', 'ip', 'ipip', 'ipv6-encap', 'ipv6-frag', 'ipv6-icmp', 'icmpv6', 'ipv6-nonxt', 'ipv6-opts', 'ipv6-route', 'ospf', 'pgm', 'rsvp', 'sctp', 'tcp', 'udp', 'udplite', 'vrrp']",
            IpProtocols.ErrorMessageValueList);
    }
}
