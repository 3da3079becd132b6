using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Tests.Rules;

/// <summary>The one definition of an exposed rule (ingress, from the whole internet, opening too much).</summary>
public class RuleExposureTests
{
    private const ExposureReason None = ExposureReason.None;
    private const ExposureReason AllProtocols = ExposureReason.AllProtocols;
    private const ExposureReason AllPorts = ExposureReason.AllPorts;
    private const ExposureReason Sensitive = ExposureReason.SensitivePort;

    // direction, protocol, min, max, remote prefix, remote group, remote address group -> reason, sensitive port
    [Theory]
    // The remote: no prefix, 0.0.0.0/0, ::/0, any /0 whatever its host bits, and spellings the API accepts.
    [InlineData("ingress", "tcp", 22, 22, null, null, null, Sensitive, 22)]
    [InlineData("ingress", "tcp", 22, 22, "", null, null, Sensitive, 22)]
    [InlineData("ingress", "tcp", 22, 22, "0.0.0.0/0", null, null, Sensitive, 22)]
    [InlineData("ingress", "tcp", 22, 22, "::/0", null, null, Sensitive, 22)]
    [InlineData("ingress", "tcp", 22, 22, "10.1.2.3/0", null, null, Sensitive, 22)]
    [InlineData("ingress", "tcp", 22, 22, "2001:db8::1/0", null, null, Sensitive, 22)]
    [InlineData("ingress", "tcp", 22, 22, "0/0", null, null, Sensitive, 22)]
    [InlineData("ingress", "tcp", 22, 22, "0.0.0.0/0.0.0.0", null, null, Sensitive, 22)]
    [InlineData("ingress", "tcp", 22, 22, "10.0.0.0/8", null, null, None, null)]
    [InlineData("ingress", "tcp", 22, 22, "0.0.0.0/1", null, null, None, null)]
    [InlineData("ingress", "tcp", 22, 22, "203.0.113.7/32", null, null, None, null)]
    [InlineData("ingress", "tcp", 22, 22, "not-a-cidr", null, null, None, null)]
    [InlineData("ingress", "tcp", 22, 22, null, "g2", null, None, null)]
    [InlineData("ingress", "tcp", 22, 22, null, "", null, None, null)] // a group, not chosen yet (the rule form)
    [InlineData("ingress", "tcp", 22, 22, null, null, "ag1", None, null)]
    [InlineData("ingress", null, null, null, null, "g2", null, None, null)] // any protocol, but from a group
    // Egress is never exposed.
    [InlineData("egress", "tcp", 22, 22, "0.0.0.0/0", null, null, None, null)]
    [InlineData("egress", null, null, null, null, null, null, None, null)]
    // All protocols: null, "", "any", 0 by name or number.
    [InlineData("ingress", null, null, null, null, null, null, AllProtocols, null)]
    [InlineData("ingress", null, null, null, "0.0.0.0/0", null, null, AllProtocols, null)]
    [InlineData("ingress", "", null, null, "::/0", null, null, AllProtocols, null)]
    [InlineData("ingress", "any", null, null, "0.0.0.0/0", null, null, AllProtocols, null)]
    [InlineData("ingress", "0", null, null, "0.0.0.0/0", null, null, AllProtocols, null)]
    [InlineData("ingress", "ip", null, null, "0.0.0.0/0", null, null, AllProtocols, null)]
    [InlineData("ingress", "hopopt", null, null, "0.0.0.0/0", null, null, AllProtocols, null)]
    // All ports of a port protocol, by name or number.
    [InlineData("ingress", "udp", null, null, "0.0.0.0/0", null, null, AllPorts, null)]
    [InlineData("ingress", "17", null, null, "0.0.0.0/0", null, null, AllPorts, null)]
    [InlineData("ingress", "udp", 1, 65535, "0.0.0.0/0", null, null, AllPorts, null)]
    [InlineData("ingress", "tcp", null, null, "0.0.0.0/0", null, null, AllPorts, null)]
    [InlineData("ingress", "6", null, null, null, null, null, AllPorts, null)]
    [InlineData("ingress", "TCP", 1, 65535, "::/0", null, null, AllPorts, null)]
    [InlineData("ingress", "sctp", null, null, "0.0.0.0/0", null, null, AllPorts, null)]
    [InlineData("ingress", "132", null, null, "0.0.0.0/0", null, null, AllPorts, null)]
    [InlineData("ingress", "dccp", null, null, "0.0.0.0/0", null, null, AllPorts, null)]
    [InlineData("ingress", "udplite", 1, 65535, "0.0.0.0/0", null, null, AllPorts, null)]
    [InlineData("ingress", "udp", null, null, "10.0.0.0/8", null, null, None, null)]
    [InlineData("egress", "udp", null, null, "0.0.0.0/0", null, null, None, null)]
    // Sensitive TCP ports (admin and database), single or covered by a range, by name or number.
    [InlineData("ingress", "tcp", 3389, 3389, "0.0.0.0/0", null, null, Sensitive, 3389)]
    [InlineData("ingress", "6", 3306, 3306, "0.0.0.0/0", null, null, Sensitive, 3306)]
    [InlineData("ingress", "tcp", 5432, 5432, "::/0", null, null, Sensitive, 5432)]
    [InlineData("ingress", "tcp", 20, 25, "0.0.0.0/0", null, null, Sensitive, 22)]
    [InlineData("ingress", "tcp", 23, 1000, "0.0.0.0/0", null, null, Sensitive, 389)]
    [InlineData("ingress", "tcp", 3000, 4000, "0.0.0.0/0", null, null, Sensitive, 3306)]
    [InlineData("ingress", "tcp", 6000, 7000, "0.0.0.0/0", null, null, Sensitive, 6379)]
    [InlineData("ingress", "tcp", 2, 65535, "0.0.0.0/0", null, null, Sensitive, 22)]
    [InlineData("ingress", "tcp", 1, 65534, "0.0.0.0/0", null, null, Sensitive, 22)]
    // Not exposed: ordinary service ports, UDP on a port, ICMP, protocols without ports, unreadable protocols.
    [InlineData("ingress", "tcp", 443, 443, "0.0.0.0/0", null, null, None, null)]
    [InlineData("ingress", "tcp", 80, 80, null, null, null, None, null)]
    [InlineData("ingress", "tcp", 7000, 8000, "0.0.0.0/0", null, null, None, null)]
    [InlineData("ingress", "udp", 53, 53, "0.0.0.0/0", null, null, None, null)]
    [InlineData("ingress", "udp", 22, 22, "0.0.0.0/0", null, null, None, null)] // the list is of TCP ports
    [InlineData("ingress", "udp", 3306, 3306, "0.0.0.0/0", null, null, None, null)]
    [InlineData("ingress", "icmp", null, null, "0.0.0.0/0", null, null, None, null)]
    [InlineData("ingress", "1", 8, 0, "0.0.0.0/0", null, null, None, null)]
    [InlineData("ingress", "ipv6-icmp", null, null, "::/0", null, null, None, null)]
    [InlineData("ingress", "gre", null, null, "0.0.0.0/0", null, null, None, null)]
    [InlineData("ingress", "47", null, null, "0.0.0.0/0", null, null, None, null)]
    [InlineData("ingress", "bogus", null, null, "0.0.0.0/0", null, null, None, null)]
    public void Verdicts(string direction, string? protocol, int? min, int? max, string? prefix, string? remoteGroup,
        string? addressGroup, ExposureReason reason, int? port)
    {
        var rule = new NormalizedRule("g", direction, prefix?.Contains(':') == true ? Ethertypes.IPv6 : Ethertypes.IPv4, protocol,
            min, max, prefix, null, remoteGroup, addressGroup, "");

        ExposureVerdict verdict = RuleExposure.Of(rule);

        Assert.Equal((reason, port), (verdict.Reason, verdict.SensitivePort));
        Assert.Equal(reason != ExposureReason.None, verdict.IsExposed);
    }

    [Fact]
    public void A_stored_normalized_cidr_is_not_needed_and_host_bits_are_ignored()
    {
        var withNetwork = new NormalizedRule("g", "ingress", "IPv4", "tcp", 22, 22, "10.1.2.3/0", "0.0.0.0/0", null, null, "");
        var withoutNetwork = withNetwork with { NormalizedCidr = null };
        Assert.True(RuleExposure.Of(withNetwork).IsExposed);
        Assert.True(RuleExposure.Of(withoutNetwork).IsExposed);
        Assert.True(RuleExposure.IsWholeInternet("10.1.2.3/0"));
        Assert.False(RuleExposure.IsWholeInternet("10.1.2.3/8"));
    }

    [Theory]
    [InlineData(ExposureReason.AllProtocols, null, "all protocols", "all protocols from anywhere")]
    [InlineData(ExposureReason.AllPorts, null, "all ports", "all ports from anywhere")]
    [InlineData(ExposureReason.SensitivePort, 22, "sensitive port 22 (SSH)", "sensitive port 22 (SSH) from anywhere")]
    [InlineData(ExposureReason.SensitivePort, 6443, "sensitive port 6443 (Kubernetes API)", "sensitive port 6443 (Kubernetes API) from anywhere")]
    [InlineData(ExposureReason.None, null, null, null)]
    public void Texts(ExposureReason reason, int? port, string? what, string? text)
    {
        var verdict = new ExposureVerdict(reason, port);
        Assert.Equal((what, text), (verdict.What, verdict.Text));
    }

    [Fact]
    public void The_default_verdict_is_not_exposed()
    {
        Assert.False(default(ExposureVerdict).IsExposed);
        Assert.Equal(default, ExposureVerdict.NotExposed);
    }
}
