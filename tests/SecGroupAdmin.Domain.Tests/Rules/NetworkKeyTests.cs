using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Tests.Rules;

/// <summary>"Same network as": rules that differ only by the prefix's host bits (warned about, never refused).</summary>
public class NetworkKeyTests
{
    private static NormalizedRule Rule(string json) => TestInput.Valid(json);

    public static TheoryData<string, string, string, bool> Pairs => new()
    {
        { "host bits set vs network", """{"protocol":"tcp","port_range_min":22,"port_range_max":22,"remote_ip_prefix":"203.0.113.7/24"}""", """{"protocol":"tcp","port_range_min":22,"port_range_max":22,"remote_ip_prefix":"203.0.113.0/24"}""", true },
        { "two host addresses of one network", """{"remote_ip_prefix":"10.0.0.120/24"}""", """{"remote_ip_prefix":"10.0.0.200/24"}""", true },
        { "IPv6 host bits", """{"ethertype":"IPv6","remote_ip_prefix":"2001:db8::1/64"}""", """{"ethertype":"IPv6","remote_ip_prefix":"2001:db8::/64"}""", true },
        { "identical rules are duplicates, not this", """{"remote_ip_prefix":"203.0.113.0/24"}""", """{"remote_ip_prefix":"203.0.113.0/24"}""", false },
        { "spelling only (same rule key)", """{"remote_ip_prefix":"10.1.2.3"}""", """{"remote_ip_prefix":"10.1.2.3/32"}""", false },
        { "different masks", """{"remote_ip_prefix":"203.0.113.7/24"}""", """{"remote_ip_prefix":"203.0.113.0/25"}""", false },
        { "different networks", """{"remote_ip_prefix":"203.0.113.7/24"}""", """{"remote_ip_prefix":"198.51.100.0/24"}""", false },
        { "ports differ", """{"protocol":"tcp","port_range_min":22,"port_range_max":22,"remote_ip_prefix":"203.0.113.7/24"}""", """{"protocol":"tcp","port_range_min":23,"port_range_max":23,"remote_ip_prefix":"203.0.113.0/24"}""", false },
        { "direction differs", """{"direction":"egress","remote_ip_prefix":"203.0.113.7/24"}""", """{"remote_ip_prefix":"203.0.113.0/24"}""", false },
        { "protocol spelled differently still same network", """{"protocol":"6","remote_ip_prefix":"203.0.113.7/24"}""", """{"protocol":"tcp","remote_ip_prefix":"203.0.113.0/24"}""", true },
        { "a /0 with host bits is any address, as no prefix", """{"remote_ip_prefix":"1.2.3.4/0"}""", "{}", true },
        { "no prefixes at all", "{}", "{}", false },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Same_network_only_when_just_the_host_bits_differ(string name, string a, string b, bool expected)
    {
        Assert.True(expected == NetworkKey.SameNetworkOnly(Rule(a), Rule(b)), name);
        Assert.True(expected == NetworkKey.SameNetworkOnly(Rule(b), Rule(a)), name + " (reversed)");
    }

    [Fact]
    public void The_key_of_a_rule_with_host_bits_is_the_key_of_its_network()
    {
        Assert.Equal(NetworkKey.For(Rule("""{"remote_ip_prefix":"203.0.113.0/24"}""")), NetworkKey.For(Rule("""{"remote_ip_prefix":"203.0.113.7/24"}""")));
        Assert.NotEqual(NetworkKey.For(Rule("""{"remote_ip_prefix":"203.0.113.0/24"}""")), NetworkKey.For(Rule("""{"remote_ip_prefix":"203.0.114.0/24"}""")));
    }
}
