using SecGroupAdmin.Domain.Templates;

namespace SecGroupAdmin.Domain.Tests.Templates;

/// <summary>Which preset a stored rule is exactly, so that editing it shows the preset's name.</summary>
public class RuleTemplateMatchingTests
{
    [Theory]
    [InlineData("""{"protocol":"tcp","port_range_min":22,"port_range_max":22}""", "ssh")]
    [InlineData("""{"protocol":"6","port_range_min":443,"port_range_max":443,"remote_ip_prefix":"10.0.0.0/8"}""", "https")]
    [InlineData("""{"protocol":"udp","port_range_min":53,"port_range_max":53}""", "dns_udp")]
    [InlineData("""{"protocol":"tcp","port_range_min":53,"port_range_max":53}""", "dns")]
    [InlineData("""{"protocol":"tcp","port_range_min":1,"port_range_max":65535}""", "all_tcp")]
    [InlineData("""{"protocol":"tcp"}""", "all_tcp")]
    [InlineData("""{"protocol":"udp","direction":"egress"}""", "all_udp")]
    [InlineData("""{"protocol":"icmp"}""", "all_icmp")]
    [InlineData("""{"ethertype":"IPv6","protocol":"ipv6-icmp"}""", "all_icmp")]
    public void A_rule_that_is_exactly_a_preset_is_named_by_it(string json, string key)
    {
        Assert.Equal(key, RuleTemplates.Matching(TestInput.Valid(json))?.Key);
    }

    [Theory]
    [InlineData("""{"protocol":"tcp","port_range_min":22,"port_range_max":23}""")]
    [InlineData("""{"protocol":"tcp","port_range_min":8080,"port_range_max":8080}""")]
    [InlineData("""{"direction":"egress","protocol":"tcp","port_range_min":22,"port_range_max":22}""")]
    [InlineData("""{"protocol":"icmp","port_range_min":8,"port_range_max":0}""")]
    [InlineData("""{"protocol":"gre"}""")]
    [InlineData("{}")]
    public void A_custom_rule_matches_no_preset(string json)
    {
        Assert.Null(RuleTemplates.Matching(TestInput.Valid(json)));
    }
}
