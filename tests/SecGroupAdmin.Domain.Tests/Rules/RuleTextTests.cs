using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Tests.Rules;

/// <summary>Horizon-style text for rules.</summary>
public class RuleTextTests
{
    private const string GroupId = "4da5802b-ff9e-4521-95a5-9df8cb9c3e4b";

    [Theory]
    [InlineData("""{"protocol":"tcp","port_range_min":22,"port_range_max":22,"remote_ip_prefix":"10.0.0.0/8"}""", null, "ALLOW IPv4 22/tcp from 10.0.0.0/8")]
    [InlineData("""{"protocol":"tcp","port_range_min":22,"port_range_max":22,"remote_ip_prefix":"0.0.0.0/0"}""", null, "ALLOW IPv4 22/tcp from 0.0.0.0/0")]
    [InlineData("""{"direction":"egress","ethertype":"IPv6"}""", null, "ALLOW IPv6 to ::/0")]
    [InlineData("""{"direction":"egress"}""", null, "ALLOW IPv4 to 0.0.0.0/0")]
    [InlineData("""{"protocol":"udp","port_range_min":1000,"port_range_max":2000,"remote_group_id":"4da5802b-ff9e-4521-95a5-9df8cb9c3e4b"}""", "web", "ALLOW IPv4 1000-2000/udp from web")]
    [InlineData("""{"protocol":"udp","port_range_min":1000,"port_range_max":2000,"remote_group_id":"4da5802b-ff9e-4521-95a5-9df8cb9c3e4b"}""", null, "ALLOW IPv4 1000-2000/udp from 4da5802b-ff9e")]
    [InlineData("""{"protocol":"47","remote_ip_prefix":"0.0.0.0/0"}""", null, "ALLOW IPv4 ip_proto=47 from 0.0.0.0/0")]
    [InlineData("""{"protocol":"gre"}""", null, "ALLOW IPv4 gre from 0.0.0.0/0")]
    [InlineData("""{"protocol":"icmp","port_range_min":8,"port_range_max":0,"remote_ip_prefix":"10.0.0.0/24"}""", null, "ALLOW IPv4 icmp type 8 code 0 from 10.0.0.0/24")]
    [InlineData("""{"protocol":"icmp","port_range_min":8}""", null, "ALLOW IPv4 icmp type 8 from 0.0.0.0/0")]
    [InlineData("""{"protocol":"icmp"}""", null, "ALLOW IPv4 icmp from 0.0.0.0/0")]
    [InlineData("""{"ethertype":"IPv6","protocol":"icmp","port_range_min":134}""", null, "ALLOW IPv6 ipv6-icmp type 134 from ::/0")]
    [InlineData("""{"protocol":"tcp"}""", null, "ALLOW IPv4 tcp from 0.0.0.0/0")]
    [InlineData("""{"remote_address_group_id":"ag1"}""", null, "ALLOW IPv4 from address group ag1")]
    public void Describe(string json, string? groupName, string expected)
    {
        Assert.Equal(expected, RuleText.Describe(TestInput.Valid(json), groupName));
    }

    [Theory]
    [InlineData("""{"protocol":"tcp"}""", "Any")]
    [InlineData("{}", "Any")]
    [InlineData("""{"protocol":"tcp","port_range_min":22,"port_range_max":22}""", "22 (SSH)")]
    [InlineData("""{"protocol":"6","port_range_min":22,"port_range_max":22}""", "22 (SSH)")]
    [InlineData("""{"protocol":"udp","port_range_min":53,"port_range_max":53}""", "53 (DNS)")]
    [InlineData("""{"protocol":"tcp","port_range_min":8080,"port_range_max":8080}""", "8080")]
    [InlineData("""{"protocol":"tcp","port_range_min":1000,"port_range_max":2000}""", "1000 - 2000")]
    [InlineData("""{"protocol":"icmp","port_range_min":8,"port_range_max":0}""", "type 8 / code 0")]
    [InlineData("""{"protocol":"icmp","port_range_min":3}""", "type 3")]
    [InlineData("""{"protocol":"icmp"}""", "Any")]
    [InlineData("""{"ethertype":"IPv6","protocol":"58","port_range_min":135,"port_range_max":0}""", "type 135 / code 0")]
    public void Port_range(string json, string expected)
    {
        Assert.Equal(expected, RuleText.PortRange(TestInput.Valid(json)));
    }

    [Theory]
    [InlineData("{}", "Any")]
    [InlineData("""{"protocol":"tcp"}""", "TCP")]
    [InlineData("""{"protocol":"icmp"}""", "ICMP")]
    [InlineData("""{"ethertype":"IPv6","protocol":"icmp"}""", "IPV6-ICMP")]
    [InlineData("""{"protocol":"47"}""", "47 (GRE)")]
    [InlineData("""{"protocol":"6"}""", "6 (TCP)")]
    [InlineData("""{"protocol":"0"}""", "0 (IP)")]
    [InlineData("""{"protocol":"111"}""", "111")]
    public void Protocol(string json, string expected)
    {
        Assert.Equal(expected, RuleText.Protocol(TestInput.Valid(json)));
    }

    [Theory]
    [InlineData("{}", null, "Any (not set)")]
    [InlineData("""{"ethertype":"IPv6"}""", null, "Any (not set)")]
    [InlineData("""{"remote_ip_prefix":"0.0.0.0/0"}""", null, "0.0.0.0/0")]
    [InlineData("""{"remote_ip_prefix":"10.0.0.0/24"}""", null, "10.0.0.0/24")]
    [InlineData("""{"remote_ip_prefix":"10.0.0.34/24"}""", null, "10.0.0.34/24 (network 10.0.0.0/24)")]
    [InlineData("""{"remote_group_id":"4da5802b-ff9e-4521-95a5-9df8cb9c3e4b"}""", "web", "web")]
    [InlineData("""{"remote_group_id":"4da5802b-ff9e-4521-95a5-9df8cb9c3e4b"}""", null, "4da5802b-ff9e")]
    [InlineData("""{"remote_address_group_id":"ag1"}""", null, "address group ag1")]
    public void Remote(string json, string? groupName, string expected)
    {
        Assert.Equal(expected, RuleText.Remote(TestInput.Valid(json), groupName));
    }

    [Fact]
    public void Remote_of_a_hand_made_rule_computes_the_network()
    {
        var rule = new NormalizedRule("sg", "ingress", "IPv4", null, null, null, "10.1.2.3/8", null, null, null, "");
        Assert.Equal("10.1.2.3/8 (network 10.0.0.0/8)", RuleText.Remote(rule, null));
        Assert.Equal(GroupId[..13], RuleText.Remote(rule with { RemoteIpPrefix = null, RemoteGroupId = GroupId }, ""));
    }
}
