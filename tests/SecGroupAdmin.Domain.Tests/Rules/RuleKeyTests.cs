using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Tests.Rules;

/// <summary>The duplicate key (neutron/db/securitygroups_db.py: _rule_to_key) against the reference's 409s and 201s.</summary>
public class RuleKeyTests
{
    private static RuleKey Key(string json) => RuleKey.For(TestInput.Valid(json));

    public static TheoryData<string, string, string, bool> Pairs => new()
    {
        { "obs 26 identical", """{"protocol":"tcp","port_range_min":22,"port_range_max":22,"remote_ip_prefix":"0.0.0.0/0"}""", """{"protocol":"tcp","port_range_min":22,"port_range_max":22,"remote_ip_prefix":"0.0.0.0/0"}""", true },
        { "obs 27 tcp vs '6'", """{"protocol":"tcp","port_range_min":22,"port_range_max":22,"remote_ip_prefix":"0.0.0.0/0"}""", """{"protocol":"6","port_range_min":22,"port_range_max":22,"remote_ip_prefix":"0.0.0.0/0"}""", true },
        { "'17' vs udp", """{"protocol":"17","port_range_min":50,"port_range_max":100}""", """{"protocol":"udp","port_range_min":50,"port_range_max":100}""", true },
        { "int 6 vs TCP", """{"protocol":6,"port_range_min":1,"port_range_max":2}""", """{"protocol":"TCP","port_range_min":1,"port_range_max":2}""", true },
        { "obs 47 IPv6 icmp vs ipv6-icmp", """{"ethertype":"IPv6","protocol":"icmp"}""", """{"ethertype":"IPv6","protocol":"ipv6-icmp"}""", true },
        { "IPv6 icmpv6 vs '58'", """{"ethertype":"IPv6","protocol":"icmpv6"}""", """{"ethertype":"IPv6","protocol":"58"}""", true },
        { "IPv6 '1' vs ipv6-icmp", """{"ethertype":"IPv6","protocol":"1"}""", """{"ethertype":"IPv6","protocol":"ipv6-icmp"}""", true },
        { "obs 72 '1' vs icmp", """{"protocol":"icmp","port_range_min":8,"port_range_max":0}""", """{"protocol":"1","port_range_min":8,"port_range_max":0}""", true },
        { "obs 52 10.1.2.3/8 vs 10.0.0.0/8", """{"protocol":"udp","remote_ip_prefix":"10.1.2.3/8"}""", """{"protocol":"udp","remote_ip_prefix":"10.0.0.0/8"}""", false },
        { "host bits differ", """{"remote_ip_prefix":"10.0.0.120/24"}""", """{"remote_ip_prefix":"10.0.0.200/24"}""", false },
        { "null vs 0.0.0.0/0", "{}", """{"remote_ip_prefix":"0.0.0.0/0"}""", true },
        { "IPv6 null vs ::/0", """{"ethertype":"IPv6"}""", """{"ethertype":"IPv6","remote_ip_prefix":"::/0"}""", true },
        { "1.2.3.4/0 is not any", "{}", """{"remote_ip_prefix":"1.2.3.4/0"}""", false },
        { "10.1.2.3 vs 10.1.2.3/32", """{"remote_ip_prefix":"10.1.2.3"}""", """{"remote_ip_prefix":"10.1.2.3/32"}""", true },
        { "IPv6 spelling", """{"ethertype":"IPv6","remote_ip_prefix":"2001:DB8:0::1/64"}""", """{"ethertype":"IPv6","remote_ip_prefix":"2001:db8::1/64"}""", true },
        { "ip vs '0'", """{"protocol":"ip"}""", """{"protocol":"0"}""", true },
        { "hopopt vs '0' (quirk)", """{"protocol":"hopopt"}""", """{"protocol":"0"}""", false },
        { "hopopt vs ip", """{"protocol":"hopopt"}""", """{"protocol":"ip"}""", false },
        { "'0' vs none", """{"protocol":"0"}""", "{}", false },
        { "any vs none", """{"protocol":"any"}""", "{}", true },
        { "'06' vs tcp", """{"protocol":"06","port_range_min":5,"port_range_max":5}""", """{"protocol":"tcp","port_range_min":5,"port_range_max":5}""", false },
        { "unknown number with itself", """{"protocol":"111"}""", """{"protocol":111}""", true },
        { "gre vs '47'", """{"protocol":"gre"}""", """{"protocol":"47"}""", true },
        { "1-65535 vs no ports", """{"protocol":"tcp","port_range_min":1,"port_range_max":65535}""", """{"protocol":"tcp"}""", true },
        { "description ignored", """{"description":"a"}""", """{"description":"b"}""", true },
        { "direction differs", """{"direction":"egress"}""", "{}", false },
        { "IPv4 any vs IPv6 any", "{}", """{"ethertype":"IPv6"}""", false },
        { "ports differ", """{"protocol":"tcp","port_range_min":22,"port_range_max":22}""", """{"protocol":"tcp","port_range_min":22,"port_range_max":23}""", false },
        { "icmp type vs type+code", """{"protocol":"icmp","port_range_min":8}""", """{"protocol":"icmp","port_range_min":8,"port_range_max":0}""", false },
        { "remote group differs", """{"remote_group_id":"a"}""", """{"remote_group_id":"b"}""", false },
        { "remote group vs none", """{"remote_group_id":"a"}""", "{}", false },
        { "address group vs remote group", """{"remote_address_group_id":"a"}""", """{"remote_group_id":"a"}""", false },
        { "security group differs", """{"security_group_id":"sg-a"}""", """{"security_group_id":"sg-b"}""", false },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Duplicate_when_keys_are_equal(string caseName, string first, string second, bool duplicate)
    {
        RuleKey a = Key(first);
        RuleKey b = Key(second);

        Assert.True(duplicate == a.Equals(b), caseName);
        Assert.True(duplicate == (a.GetHashCode() == b.GetHashCode()) || !duplicate, caseName);
        if (a.SecurityGroupId == b.SecurityGroupId)
        {
            Assert.True(duplicate == (a.ToStorageString() == b.ToStorageString()), caseName + ": storage string");
        }
    }

    [Theory]
    [InlineData("""{"protocol":"tcp","port_range_min":22,"port_range_max":22,"remote_ip_prefix":"10.0.0.0/8"}""", "ingress|IPv4|22|22|tcp|||10.0.0.0/8")]
    [InlineData("""{"protocol":"6","port_range_min":22,"port_range_max":22,"remote_ip_prefix":"10.0.0.0/8"}""", "ingress|IPv4|22|22|tcp|||10.0.0.0/8")]
    [InlineData("""{"direction":"egress","remote_ip_prefix":"0.0.0.0/0"}""", "egress|IPv4||||||")]
    [InlineData("""{"direction":"egress","ethertype":"IPv6"}""", "egress|IPv6||||||")]
    [InlineData("""{"ethertype":"IPv6","protocol":"1","port_range_min":128,"port_range_max":0}""", "ingress|IPv6|128|0|ipv6-icmp|||")]
    [InlineData("""{"protocol":"111"}""", "ingress|IPv4|||111|||")]
    [InlineData("""{"remote_group_id":"a|b\\c"}""", "ingress|IPv4||||a\\|b\\\\c||")]
    [InlineData("""{"remote_address_group_id":"ag"}""", "ingress|IPv4|||||ag|")]
    public void Storage_string_is_compact_and_has_no_group_id(string json, string expected)
    {
        Assert.Equal(expected, Key(json).ToStorageString());
    }

    [Fact]
    public void Key_fields_hold_the_canonical_protocol_pair()
    {
        RuleKey key = Key("""{"ethertype":"IPv6","protocol":"58"}""");

        Assert.Equal("ipv6-icmp", key.ProtocolName);
        Assert.Equal("58", key.ProtocolNumber);
        Assert.Equal(TestInput.SgId, key.SecurityGroupId);
        Assert.Null(key.RemoteIpPrefix);
    }

    [Fact]
    public void Stored_legacy_forms_compare_like_neutron()
    {
        // A rule read back from storage is keyed without re-validation.
        var stored = new NormalizedRule("sg", "ingress", "IPv6", "icmpv6", null, null, "::/0", "::/0", null, null, "");
        var posted = new NormalizedRule("sg", "ingress", "IPv6", "ipv6-icmp", null, null, null, null, null, null, "x");

        Assert.Equal(RuleKey.For(stored), RuleKey.For(posted));
    }
}
