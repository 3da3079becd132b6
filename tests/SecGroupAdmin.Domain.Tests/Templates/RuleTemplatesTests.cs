using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Domain.Templates;

namespace SecGroupAdmin.Domain.Tests.Templates;

/// <summary>The Add Rule presets (Horizon's menu plus a few more).</summary>
public class RuleTemplatesTests
{
    [Theory]
    [InlineData("ssh", "SSH", "tcp", 22)]
    [InlineData("smtp", "SMTP", "tcp", 25)]
    [InlineData("dns", "DNS", "tcp", 53)]
    [InlineData("dns_udp", "DNS (UDP)", "udp", 53)]
    [InlineData("http", "HTTP", "tcp", 80)]
    [InlineData("pop3", "POP3", "tcp", 110)]
    [InlineData("imap", "IMAP", "tcp", 143)]
    [InlineData("ldap", "LDAP", "tcp", 389)]
    [InlineData("https", "HTTPS", "tcp", 443)]
    [InlineData("smtps", "SMTPS", "tcp", 465)]
    [InlineData("imaps", "IMAPS", "tcp", 993)]
    [InlineData("pop3s", "POP3S", "tcp", 995)]
    [InlineData("ms_sql", "MS SQL", "tcp", 1433)]
    [InlineData("mysql", "MYSQL", "tcp", 3306)]
    [InlineData("rdp", "RDP", "tcp", 3389)]
    [InlineData("postgresql", "PostgreSQL", "tcp", 5432)]
    [InlineData("redis", "Redis", "tcp", 6379)]
    [InlineData("kubernetes_api", "Kubernetes API", "tcp", 6443)]
    public void Single_port_templates(string key, string label, string protocol, int port)
    {
        RuleTemplate template = RuleTemplates.ByKey(key)!;

        Assert.Equal(label, template.Label);
        Assert.Equal(protocol, template.Protocol);
        Assert.Equal(port, template.PortRangeMin);
        Assert.Equal(port, template.PortRangeMax);
        Assert.Equal("ingress", template.Direction);
        Assert.False(template.IsCustom);
    }

    [Theory]
    [InlineData("tcp", "Custom TCP Rule", "tcp", null, null, true)]
    [InlineData("udp", "Custom UDP Rule", "udp", null, null, true)]
    [InlineData("icmp", "Custom ICMP Rule", "icmp", null, null, true)]
    [InlineData("custom", "Other Protocol", null, null, null, true)]
    [InlineData("all_tcp", "All TCP", "tcp", 1, 65535, false)]
    [InlineData("all_udp", "All UDP", "udp", 1, 65535, false)]
    [InlineData("all_icmp", "All ICMP", "icmp", null, null, false)]
    public void Custom_and_all_templates_leave_direction_to_the_user(string key, string label, string? protocol, int? min, int? max, bool custom)
    {
        RuleTemplate template = RuleTemplates.ByKey(key)!;

        Assert.Equal(label, template.Label);
        Assert.Equal(protocol, template.Protocol);
        Assert.Equal(min, template.PortRangeMin);
        Assert.Equal(max, template.PortRangeMax);
        Assert.Null(template.Direction);
        Assert.Equal(custom, template.IsCustom);
    }

    [Fact]
    public void Menu_starts_with_the_custom_rules_and_keys_are_unique()
    {
        Assert.Equal(["tcp", "udp", "icmp", "custom"], RuleTemplates.All.Take(4).Select(t => t.Key));
        Assert.Equal(25, RuleTemplates.All.Count);
        Assert.Equal(RuleTemplates.All.Count, RuleTemplates.All.Select(t => t.Key).Distinct().Count());
        Assert.Null(RuleTemplates.ByKey("nope"));
    }

    [Fact]
    public void Every_template_is_a_valid_rule()
    {
        foreach (RuleTemplate template in RuleTemplates.All)
        {
            var input = RuleInput.FromForm("sg", template.Direction ?? "ingress", null, template.Protocol,
                template.PortRangeMin, template.PortRangeMax, "0.0.0.0/0", null, null);
            Assert.True(RuleValidator.Validate(input).IsValid, template.Key);
        }
    }

    [Theory]
    [InlineData("ssh", true)]
    [InlineData("rdp", true)]
    [InlineData("mysql", true)]
    [InlineData("postgresql", true)]
    [InlineData("ms_sql", true)]
    [InlineData("redis", true)]
    [InlineData("kubernetes_api", true)]
    [InlineData("ldap", true)]
    [InlineData("http", false)]
    [InlineData("https", false)]
    [InlineData("dns_udp", false)]
    [InlineData("all_icmp", false)]
    [InlineData("all_tcp", true)]
    [InlineData("all_udp", true)]
    public void Sensitive_flag_matches_the_exposure_of_an_ingress_rule_from_anywhere(string key, bool sensitive)
    {
        RuleTemplate template = RuleTemplates.ByKey(key)!;
        Assert.Equal(sensitive, template.IsSensitive);
        var rule = new NormalizedRule("g", Directions.Ingress, Ethertypes.IPv4, template.Protocol, template.PortRangeMin, template.PortRangeMax,
            "0.0.0.0/0", "0.0.0.0/0", null, null, "");
        Assert.Equal(sensitive, RuleExposure.Of(rule).IsExposed);
    }

    [Fact]
    public void Every_named_template_is_sensitive_exactly_when_exposed_from_anywhere()
    {
        foreach (RuleTemplate template in RuleTemplates.All.Where(t => !t.IsCustom))
        {
            var rule = new NormalizedRule("g", Directions.Ingress, Ethertypes.IPv4, template.Protocol, template.PortRangeMin,
                template.PortRangeMax, null, null, null, null, "");
            Assert.True(template.IsSensitive == RuleExposure.Of(rule).IsExposed, template.Key);
        }
    }

    [Theory]
    [InlineData("tcp", 22, "SSH")]
    [InlineData("6", 22, "SSH")]
    [InlineData("TCP", 3389, "RDP")]
    [InlineData("tcp", 53, "DNS")]
    [InlineData("udp", 53, "DNS")]
    [InlineData("17", 53, "DNS")]
    [InlineData("tcp", 443, "HTTPS")]
    [InlineData("tcp", 6443, "Kubernetes API")]
    [InlineData("udp", 22, null)]
    [InlineData("tcp", 8080, null)]
    [InlineData(null, 22, null)]
    [InlineData("icmp", 22, null)]
    public void Name_for_port(string? protocol, int port, string? expected)
    {
        Assert.Equal(expected, RuleTemplates.NameForPort(protocol, port));
    }
}
