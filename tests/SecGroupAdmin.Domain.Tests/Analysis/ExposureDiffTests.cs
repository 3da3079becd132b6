using SecGroupAdmin.Domain.Analysis;
using static SecGroupAdmin.Domain.Tests.Analysis.AnalysisFixtures;

namespace SecGroupAdmin.Domain.Tests.Analysis;

/// <summary>What a draft change newly opens and blocks, in words, per port.</summary>
public class ExposureDiffTests
{
    private static readonly AnalysisPort[] WebPorts =
        [Port("w1", ["web"], "10.0.0.1") with { Name = "web-1" }, Port("w2", ["web"], "10.0.0.2") with { Name = "web-2" },
         Port("w3", ["web"], "10.0.0.3") with { Name = "web-3" }, Port("db", ["db"], "10.0.1.1")];

    private static readonly AnalysisModel Web = new([In("https", "web", "tcp", 443, 443), In("pg", "db", "tcp", 5432, 5432, remoteGroup: "web")], WebPorts);

    [Fact]
    public void Adding_ssh_from_anywhere_opens_it_on_every_port_of_the_group()
    {
        var diff = ExposureDiff.Compute(Web, new DraftChange { AddedRules = [In("ssh", "web", "tcp", 22, 22, "0.0.0.0/0")] });
        ExposureChange change = Assert.Single(diff);
        Assert.Equal("newly opens tcp/22 from 0.0.0.0/0 on 3 ports: web-1, web-2, web-3", change.Text);
        Assert.Equal((ExposureChangeKind.Opens, "ingress", "IPv4", "tcp/22 from 0.0.0.0/0"), (change.Kind, change.Direction, change.Ethertype, change.Traffic));
        Assert.Equal(["w1", "w2", "w3"], change.PortIds);
    }

    [Fact]
    public void Widening_a_range_opens_only_the_new_ports()
    {
        var diff = ExposureDiff.Compute(Web, new DraftChange { ChangedRules = [In("https", "web", "tcp", 440, 445)] });
        Assert.Equal(["tcp/440-442 from 0.0.0.0/0", "tcp/444-445 from 0.0.0.0/0"], diff.Select(c => c.Traffic));
        Assert.All(diff, c => Assert.Equal(ExposureChangeKind.Opens, c.Kind));
    }

    [Fact]
    public void Removing_a_rule_blocks_and_a_rule_already_covered_changes_nothing()
    {
        ExposureChange blocked = Assert.Single(ExposureDiff.Compute(Web, new DraftChange { RemovedRuleIds = ["https"] }));
        Assert.Equal("newly blocks tcp/443 from 0.0.0.0/0 on 3 ports: web-1, web-2, web-3", blocked.Text);
        Assert.Empty(ExposureDiff.Compute(Web, new DraftChange { AddedRules = [In("again", "web", "6", 443, 443, "10.0.0.0/8")] }));
    }

    [Fact]
    public void Narrowing_from_anywhere_to_a_network_says_what_else_is_blocked()
    {
        ExposureChange change = Assert.Single(ExposureDiff.Compute(Web, new DraftChange { ChangedRules = [In("https", "web", "tcp", 443, 443, "10.0.0.0/8")] }));
        Assert.Equal("newly blocks tcp/443 from 0.0.0.0/0 except 10.0.0.0/8 on 3 ports: web-1, web-2, web-3", change.Text);
    }

    [Fact]
    public void Attaching_a_port_to_a_group_also_changes_what_remote_group_rules_allow_elsewhere()
    {
        var model = new AnalysisModel(Web.Rules, [.. WebPorts, Port("new", [], "10.0.2.2")]);
        var diff = ExposureDiff.Compute(model, new DraftChange { AttachedGroups = [new PortGroupLink("new", "web")] });
        Assert.Equal(
            ["newly opens tcp/5432 from 10.0.2.2/32 on 1 port: db", "newly opens tcp/443 from 0.0.0.0/0 on 1 port: new"],
            diff.Select(c => c.Text));
    }

    [Fact]
    public void Detaching_and_deleting_a_group_block()
    {
        // web-2 loses its group, and db's rule for members of web no longer covers web-2's address.
        Assert.Equal(
            ["newly blocks tcp/443 from 0.0.0.0/0 on 1 port: web-2", "newly blocks tcp/5432 from 10.0.0.2/32 on 1 port: db"],
            ExposureDiff.Compute(Web, new DraftChange { DetachedGroups = [new PortGroupLink("w2", "web")] }).Select(c => c.Text));

        var diff = ExposureDiff.Compute(Web, new DraftChange { DeletedGroupIds = ["web"] });
        Assert.Equal(
            ["newly blocks tcp/443 from 0.0.0.0/0 on 3 ports: web-1, web-2, web-3", "newly blocks tcp/5432 from 10.0.0.1/32, 10.0.0.2/31 on 1 port: db"],
            diff.Select(c => c.Text));
    }

    [Fact]
    public void Egress_and_many_ports_are_said_so()
    {
        var ports = Enumerable.Range(1, 12).Select(i => Port("p" + i, ["g"], "10.0.0." + i)).ToArray();
        var model = new AnalysisModel([], ports);
        ExposureChange change = Assert.Single(ExposureDiff.Compute(model, new DraftChange { AddedRules = [Out("dns", "g", "udp", 53, 53, "192.0.2.53/32")] }));
        Assert.Equal("newly opens outgoing udp/53 to 192.0.2.53/32 on 12 ports: p1, p2, p3, p4, p5, p6, p7, p8, p9, p10 and 2 more", change.Text);
        Assert.Equal(12, change.PortNames.Count);
    }

    [Fact]
    public void An_all_protocols_rule_reads_all_protocols()
    {
        ExposureChange change = Assert.Single(ExposureDiff.Compute(Web, new DraftChange { AddedRules = [In("any", "db", null, null, null, "::/0", ethertype: "IPv6")] }));
        Assert.Equal("newly opens all protocols from ::/0 on 1 port: db", change.Text);
        Assert.Equal("IPv6", change.Ethertype);
    }

    [Fact]
    public void Ports_with_port_security_off_never_change()
    {
        var model = new AnalysisModel([], [new AnalysisPort("p", "p", false, ["10.0.0.1"], ["g"])]);
        Assert.Empty(ExposureDiff.Compute(model, new DraftChange { AddedRules = [In("any", "g")] }));
    }
}
