using Bunit;
using MudBlazor;
using MudBlazor.Extensions;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Web.Components.Pages.Groups;

namespace SecGroupAdmin.Web.Tests.Pages.Groups;

public sealed class RuleRowTests
{
    private static SecurityGroupRule Rule(string? protocol = "tcp", int? min = 22, int? max = 22, string? prefix = null, string? cidr = null,
        string? remoteGroup = null, string direction = "ingress", string? description = null) => new()
        {
            SecurityGroupId = "g", Direction = direction, Ethertype = "IPv4", Protocol = protocol, PortRangeMin = min, PortRangeMax = max,
            RemoteIpPrefix = prefix, NormalizedCidr = cidr ?? prefix, RemoteGroupId = remoteGroup, Description = description,
        };

    [Theory]
    [InlineData("3f2b8c1e-5d4a-4b6f-9e7d-0a1b2c3d4e5f")] // a UUID as this app makes them: kept as 16 bytes
    [InlineData("3F2B8C1E-5D4A-4B6F-9E7D-0A1B2C3D4E5F")] // upper case: would not round-trip, kept as given
    [InlineData("{3f2b8c1e-5d4a-4b6f-9e7d-0a1b2c3d4e5f}")]
    [InlineData("rule-7")]
    [InlineData("")]
    public void The_id_comes_back_exactly_as_the_rule_had_it(string id)
    {
        var rule = Rule();
        rule.Id = id;
        var row = new RuleRow(rule, null);
        Assert.Equal(id, row.Id);
        Assert.Equal(id, row.ToEntity().Id);
    }

    [Fact]
    public void Texts_and_markers_of_an_exposed_ssh_rule()
    {
        var row = new RuleRow(Rule(prefix: "0.0.0.0/0", description: "ops"), null);
        Assert.Equal(("TCP", "22 (SSH)", "ALLOW IPv4 22/tcp from 0.0.0.0/0", 22), (row.Protocol, row.PortRange, row.Sentence, row.SortPort));
        Assert.True(row.IsExposed);
        Assert.False(row.IsAnyNotSet);
        Assert.False(row.HasHostBits);
        Assert.True(row.Matches("ssh") && row.Matches("OPS") && row.Matches("22") && row.Matches(" ") && !row.Matches("udp"));
    }

    [Theory]
    [InlineData(null, 22, null, null, "ingress", true)]      // not set = any address
    [InlineData("10.0.0.0/8", 22, null, null, "ingress", false)]
    [InlineData(null, 80, null, null, "ingress", false)]
    [InlineData(null, 22, null, null, "egress", false)]
    [InlineData(null, null, null, "g2", "ingress", false)]   // any protocol from a group
    public void Exposure_needs_ingress_from_anywhere_to_a_sensitive_port(string? prefix, int? port, string? unused, string? remoteGroup, string direction, bool exposed)
    {
        _ = unused;
        var row = new RuleRow(Rule(protocol: port is null ? null : "tcp", min: port, max: port, prefix: prefix, remoteGroup: remoteGroup, direction: direction), "other");
        Assert.Equal(exposed, row.IsExposed);
    }

    [Fact]
    public void Host_bits_and_not_set_remotes_are_flagged_and_the_remote_group_is_named()
    {
        Assert.True(new RuleRow(Rule(prefix: "10.1.2.3/8", cidr: "10.0.0.0/8"), null).HasHostBits);
        Assert.True(new RuleRow(Rule(), null).IsAnyNotSet);
        var fromGroup = new RuleRow(Rule(remoteGroup: "g2"), "app");
        Assert.False(fromGroup.IsAnyNotSet);
        Assert.Contains("app", fromGroup.Remote);
        Assert.Equal(-1, new RuleRow(Rule(protocol: null, min: null, max: null), null).SortPort);
        Assert.Equal("", new RuleRow(Rule(), null).Description);
    }
}

public sealed class QuotaMeterTests : BunitTestContext
{
    [Theory]
    [InlineData(3, 10, "3 / 10", 30, Color.Success)]
    [InlineData(8, 10, "8 / 10", 80, Color.Warning)]
    [InlineData(12, 10, "12 / 10", 100, Color.Error)]
    [InlineData(5, -1, "5 / ∞", 0, Color.Success)]
    [InlineData(0, 0, "0 / 0", 100, Color.Error)]
    public void Shows_used_of_limit_and_colours_by_fill(int used, int limit, string text, double percent, Color colour)
    {
        var cut = Render<QuotaMeter>(p => p.Add(x => x.Label, "Rules").Add(x => x.Used, used).Add(x => x.Limit, limit).Add(x => x.Id, "q"));
        Assert.Equal("Rules" + text, GroupsPageTests.Normalize(cut.Find("#q").TextContent).Replace("Rules ", "Rules"));
        var bar = cut.FindComponent<MudProgressLinear>().Instance;
        Assert.Equal(percent, bar.GetState(x => x.Value));
        Assert.Equal(colour, bar.Color);
    }
}
