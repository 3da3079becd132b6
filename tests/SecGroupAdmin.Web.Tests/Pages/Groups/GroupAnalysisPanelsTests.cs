using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using SecGroupAdmin.Web.Components.Pages.Groups;
using SecGroupAdmin.Web.Ports;

namespace SecGroupAdmin.Web.Tests.Pages.Groups;

/// <summary>
/// The group page's analysis (#17): redundant rules marked in the grid with their proof, removed together through the
/// page's bulk delete (confirmation listing them, audited), recomputed when the rules change live; and the Test traffic
/// panel on one of the group's ports (or "no port" when it has none).
/// </summary>
public sealed class GroupAnalysisPanelsTests : GroupsUiTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private IRenderedComponent<GroupDetailPage> RenderPage(string groupId)
    {
        SetRendererInfo(new RendererInfo("Server", true)); // as in the app's circuit
        var cut = Render<GroupDetailPage>(p => p.Add(x => x.TenantName, TenantName).Add(x => x.GroupId, groupId));
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("#rules-grid .rule-sentence").Count > 0 || cut.FindAll("#no-rules").Count > 0), Wait);
        return cut;
    }

    private static IElement RowWith(IRenderedComponent<GroupDetailPage> cut, string sentence) =>
        cut.FindAll("#rules-grid tbody tr.mud-table-row").Single(r => r.QuerySelector(".rule-sentence")?.TextContent.Contains(sentence, StringComparison.Ordinal) == true);

    [Fact]
    public async Task Redundant_rules_are_marked_with_their_proof_and_removed_together_after_a_confirmation()
    {
        var web = await NewGroupAsync("web", startEmpty: true);
        var wide = await NewRuleAsync(web.Id, port: 22, prefix: "10.0.0.0/8");
        var narrow = await NewRuleAsync(web.Id, port: 22, prefix: "10.1.0.0/16");
        await NewRuleAsync(web.Id, port: 443, prefix: "10.0.0.0/8");
        SignIn(Role.Member);
        var providers = RenderProviders();
        var cut = RenderPage(web.Id);

        cut.WaitForAssertion(() => Assert.Contains("1 rule is", cut.Find("#redundant-summary").TextContent), Wait);
        var chip = RowWith(cut, "22/tcp from 10.1.0.0/16").QuerySelector(".redundant-chip")!;
        Assert.Equal($"Covered by rule {wide.Id[..8]}", chip.GetAttribute("title"));
        Assert.Null(RowWith(cut, "22/tcp from 10.0.0.0/8").QuerySelector(".redundant-chip"));
        Assert.Null(RowWith(cut, "443/tcp").QuerySelector(".redundant-chip"));
        Assert.Equal("Remove 1 redundant rule", cut.Find("#remove-redundant").TextContent.Trim());

        await cut.InvokeAsync(() => cut.Find("#remove-redundant").Click());
        providers.WaitForAssertion(() => Assert.Contains("Delete the rule “ALLOW IPv4 22/tcp from 10.1.0.0/16”?", providers.Markup), Wait);
        providers.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.DoesNotContain(RulesInDb(web.Id), r => r.Id == narrow.Id), Wait);
        Assert.Equal(2, RulesInDb(web.Id).Count);
        var audit = Assert.Single(UiAudit(), a => a.Action == "delete");
        Assert.Equal((narrow.Id, UserId(Role.Member)), (audit.ResourceId, audit.ActorUserId));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#redundant-summary")), Wait);
        Assert.Empty(cut.FindAll(".redundant-chip"));
    }

    [Fact]
    public async Task Two_redundant_rules_are_listed_in_one_confirmation_and_readers_get_no_remove_button()
    {
        var web = await NewGroupAsync("web", startEmpty: true);
        await NewRuleAsync(web.Id, port: 22, prefix: "10.0.0.0/8");
        await NewRuleAsync(web.Id, port: 22, prefix: "10.1.0.0/16");
        await NewRuleAsync(web.Id, port: 22, prefix: "10.2.0.0/16");

        SignIn(Role.Reader);
        var reader = RenderPage(web.Id);
        reader.WaitForAssertion(() => Assert.Equal(2, reader.FindAll(".redundant-chip").Count), Wait);
        Assert.Empty(reader.FindAll("#remove-redundant"));

        SignIn(Role.Member);
        var providers = RenderProviders();
        var cut = RenderPage(web.Id);
        cut.WaitForAssertion(() => Assert.Equal("Remove 2 redundant rules", cut.Find("#remove-redundant").TextContent.Trim()), Wait);
        await cut.InvokeAsync(() => cut.Find("#remove-redundant").Click());
        providers.WaitForAssertion(() => Assert.Contains("Delete these 2 rules? They are removed together, or not at all.", providers.Markup), Wait);
        Assert.Equal(2, providers.FindAll(".delete-rule-list li").Count);
        Assert.Contains("10.1.0.0/16", providers.Find(".delete-rule-list").TextContent);
        Assert.Contains("10.2.0.0/16", providers.Find(".delete-rule-list").TextContent);
        providers.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        Assert.Equal(3, RulesInDb(web.Id).Count);
    }

    [Fact]
    public async Task A_redundant_rule_added_elsewhere_is_marked_without_a_reload()
    {
        var web = await NewGroupAsync("web", startEmpty: true);
        await NewRuleAsync(web.Id, port: 22, prefix: "10.0.0.0/8");
        SignIn(Role.Member);
        var cut = RenderPage(web.Id);
        await Task.Delay(200);
        Assert.Empty(cut.FindAll(".redundant-chip"));

        await NewRuleAsync(web.Id, port: 22, prefix: "10.5.0.0/16"); // someone else, through the service (a live change)

        cut.WaitForAssertion(() => Assert.NotNull(RowWith(cut, "22/tcp from 10.5.0.0/16").QuerySelector(".redundant-chip")), Wait);
        Assert.Single(cut.FindAll(".redundant-chip"));
    }

    [Fact]
    public async Task Test_traffic_on_the_group_page_uses_one_of_its_ports_or_says_it_has_none()
    {
        var web = await NewGroupAsync("web", startEmpty: true);
        var ssh = await NewRuleAsync(web.Id, port: 22, prefix: "10.0.0.0/8");
        SignIn(Role.Reader);
        var empty = RenderPage(web.Id);
        empty.WaitForAssertion(() => Assert.NotNull(empty.Find("#test-traffic-no-ports")), Wait);

        await Ports.CreatePortAsync(Arranger, new PortCreateRequest { Name = "vm-1", NetworkId = "n", SecurityGroupIds = [web.Id], FixedIps = ["10.3.0.4"] });
        var cut = RenderPage(web.Id);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#test-traffic-run")), Wait);
        cut.Find("#test-traffic-port-number").Change("22");
        cut.Find("#test-traffic-remote-ip").Change("10.200.0.1");
        cut.Find("#test-traffic-run").Click();

        cut.WaitForAssertion(() => Assert.Contains("Allowed by 1 rule:", cut.Find("#test-traffic-result").TextContent), Wait);
        Assert.Contains(ssh.Id[..8], cut.Find("#test-traffic-result").TextContent);

        cut.Find("#test-traffic-remote-ip").Change("not-an-ip");
        cut.Find("#test-traffic-run").Click();
        cut.WaitForAssertion(() => Assert.Contains("not-an-ip is not an IP address.", cut.Find("#test-traffic-remote-ip").Closest(".mud-input-control")!.TextContent), Wait);
    }
}
