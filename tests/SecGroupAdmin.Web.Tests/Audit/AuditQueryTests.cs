using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Audit;
using SecGroupAdmin.Web.Components.Pages.Groups;
using SecGroupAdmin.Web.Operator;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.Web.Tests.Audit;

public class AuditQueryTests
{
    private readonly AuditWorld world = AuditWorld.Create();
    private AuditQuery Query => world.Services.GetRequiredService<AuditQuery>();

    [Fact]
    public async Task Operators_see_all_tenants_newest_first()
    {
        var auditor = await world.CallerAsync("auditor", null);
        var page = await Query.ListAsync(auditor, new AuditFilter());
        Assert.Contains(page.Items, r => r.TenantId == world.Alpha);
        Assert.Contains(page.Items, r => r.TenantId == world.Beta);
        Assert.Equal(page.Items.OrderByDescending(r => r.At).ThenByDescending(r => r.Id).Select(r => r.Id), page.Items.Select(r => r.Id));
        Assert.Equal("quota", page.Items[0].ResourceType);
        Assert.Equal("beta", page.Items[0].TenantName);
    }

    [Fact]
    public async Task A_tenant_admin_sees_only_their_tenant_and_is_refused_another()
    {
        var adminA = await world.CallerAsync("adminA", world.Alpha);
        var own = await Query.ListAsync(adminA, new AuditFilter());
        Assert.NotEmpty(own.Items);
        Assert.All(own.Items, r => Assert.Equal(world.Alpha, r.TenantId));
        var ex = await Assert.ThrowsAsync<NeutronException>(() => Query.ListAsync(adminA, new AuditFilter(TenantId: world.Beta)));
        Assert.Equal("PolicyNotAuthorized", ex.Error.Type);
        // As a caller in beta (where they hold no role) they see nothing either.
        var adminAInBeta = await world.CallerAsync("adminA", world.Beta);
        await Assert.ThrowsAsync<NeutronException>(() => Query.ListAsync(adminAInBeta, new AuditFilter()));
    }

    [Theory]
    [InlineData("memberA")]
    [InlineData("readerA")]
    [InlineData("outsider")]
    public async Task Members_readers_and_outsiders_are_refused(string who)
    {
        var caller = await world.CallerAsync(who, world.Alpha);
        var ex = await Assert.ThrowsAsync<NeutronException>(() => Query.ListAsync(caller, new AuditFilter()));
        Assert.Equal("PolicyNotAuthorized", ex.Error.Type);
        await Assert.ThrowsAsync<NeutronException>(() => Query.ExportAsync(caller, new AuditFilter()));
    }

    [Fact]
    public async Task Paging_counts_every_match_and_time_range_is_from_inclusive_to_exclusive()
    {
        var cloud = await world.CallerAsync("cloud", null);
        var all = await Query.ListAsync(cloud, new AuditFilter(), 1, 500);
        var first = await Query.ListAsync(cloud, new AuditFilter(), 1, 2);
        var second = await Query.ListAsync(cloud, new AuditFilter(), 2, 2);
        Assert.Equal(all.Total, first.Total);
        Assert.Equal(2, first.Items.Count);
        Assert.Equal(all.Items.Skip(2).Take(2).Select(r => r.Id), second.Items.Select(r => r.Id));
        Assert.Equal((all.Total + 1) / 2, first.PageCount);

        var day2 = AuditWorld.Start.UtcDateTime.AddDays(1);
        var ranged = await Query.ListAsync(cloud, new AuditFilter(From: day2, To: day2.AddDays(1)));
        var rule = Assert.Single(ranged.Items);
        Assert.Equal(world.SshRuleId, rule.ResourceId);
    }

    [Fact]
    public async Task A_page_without_its_count_knows_the_total_only_when_not_full_and_the_count_then_matches_the_list()
    {
        var cloud = await world.CallerAsync("cloud", null);
        var all = await Query.ListAsync(cloud, new AuditFilter(), 1, 500);
        Assert.True(all.Total > 4);

        // A full page: the rows as ListAsync reads them, the total not yet known.
        var full = await Query.PageAsync(cloud, new AuditFilter(), 2, 2);
        Assert.False(full.Counted);
        Assert.Equal(all.Items.Skip(2).Take(2).Select(r => r.Id), full.Items.Select(r => r.Id));
        Assert.Equal((all.Total, false), await Query.CountAsync(cloud, new AuditFilter()));
        Assert.Equal("3–4 of … entries", AuditLogViewCountText(full));

        // The last page, not full: the total is what is on and before it, no count needed.
        var lastPage = (all.Total + 1) / 2;
        var last = await Query.PageAsync(cloud, new AuditFilter(), lastPage, 2);
        Assert.Equal(all.Total % 2 == 1, last.Counted);
        if (last.Counted)
        {
            Assert.Equal(all.Total, last.Total);
        }
        var empty = await Query.PageAsync(cloud, new AuditFilter(Action: "no-such-action"));
        Assert.True(empty.Counted);
        Assert.Equal(0, empty.Total);

        // The same refusal as the list.
        var adminA = await world.CallerAsync("adminA", world.Alpha);
        await Assert.ThrowsAsync<NeutronException>(() => Query.PageAsync(adminA, new AuditFilter(TenantId: world.Beta)));
        await Assert.ThrowsAsync<NeutronException>(() => Query.CountAsync(adminA, new AuditFilter(TenantId: world.Beta)));
    }

    private static string AuditLogViewCountText(AuditPage page) => Web.Components.Pages.Audit.AuditLogView.CountText(page);

    [Fact]
    public async Task Filters_by_resource_id_action_source_and_actor_id()
    {
        var cloud = await world.CallerAsync("cloud", null);
        var byId = await Query.ListAsync(cloud, new AuditFilter(ResourceId: world.WebGroupId));
        Assert.Equal(["update", "create"], byId.Items.Select(r => r.Action));
        var api = await Query.ListAsync(cloud, new AuditFilter(Source: "API"));
        Assert.All(api.Items, r => Assert.Equal(world.Beta, r.TenantId));
        var byActor = await Query.ListAsync(cloud, new AuditFilter(Actor: world.Id("adminB")));
        Assert.All(byActor.Items, r => Assert.Equal("adminB@test.example", r.ActorName));
        Assert.NotEmpty(byActor.Items);
    }

    [Fact]
    public async Task Overview_counts_tenants_risk_and_changes_per_day()
    {
        var overview = world.Services.GetRequiredService<OperatorOverviewQuery>();
        var auditor = await world.CallerAsync("auditor", null);
        var o = await overview.GetAsync(auditor);
        Assert.Equal(30, o.Days.Count);
        Assert.Equal(DateOnly.FromDateTime(world.Clock.GetUtcNow().UtcDateTime), o.Days[^1]);
        var tenants = (await overview.ListTenantsAsync(auditor, null, TenantSort.Name, false, 0, 100)).Items;
        var alpha = tenants.Single(t => t.Name == "alpha");
        var beta = tenants.Single(t => t.Name == "beta");
        Assert.Equal(1, alpha.RiskyRules);
        Assert.Equal(0, beta.RiskyRules);
        Assert.Equal(20, beta.Quota.SecurityGroups);
        Assert.Equal(2, beta.Usage.SecurityGroups);
        using var db = world.Db.CreateDbContext();
        Assert.Equal(db.AuditEntries.Count(), o.TotalChanges);
        var alphaChanges = o.BusiestTenants.Single(t => t.TenantId == world.Alpha);
        Assert.Equal("alpha", alphaChanges.TenantName);
        Assert.Equal(db.AuditEntries.Count(a => a.TenantId == world.Alpha), alphaChanges.PerDay.Sum());
        Assert.Equal(alphaChanges.PerDay.Sum(), alpha.Changes);
        // Day 1 is 4 days before today: alpha's group creations are there.
        Assert.True(alphaChanges.PerDay[^5] >= 1);

        var memberA = await world.CallerAsync("memberA", world.Alpha);
        await Assert.ThrowsAsync<NeutronException>(() => overview.GetAsync(memberA));
    }

    // The risk reasons themselves are tabled in SecGroupAdmin.Domain.Tests (RuleExposureTests).
    [Theory]
    [InlineData("udp", null, null, "0.0.0.0/0", "all ports from anywhere")]     // was unmarked on the group page and in the form
    [InlineData("tcp", 3306, 3306, "10.1.2.3/0", "sensitive port 3306 (MYSQL) from anywhere")] // /0 with host bits: was unmarked on the group page
    [InlineData("udp", 53, 53, "0.0.0.0/0", null)]
    public async Task The_overview_the_group_page_chip_and_the_add_rule_warning_agree(
        string protocol, int? min, int? max, string prefix, string? reason)
    {
        var groups = world.Services.GetRequiredService<SecurityGroupService>();
        var memberA = await world.CallerAsync("memberA", world.Alpha);
        var created = await groups.CreateRuleAsync(memberA, RuleInput.FromForm(world.WebGroupId, "ingress", "IPv4", protocol, min, max, prefix, null, null));

        var auditor = await world.CallerAsync("auditor", null);
        var overview = await world.Services.GetRequiredService<OperatorOverviewQuery>().GetAsync(auditor);
        using var db = world.Db.CreateDbContext();
        var stored = db.SecurityGroupRules.Single(r => r.Id == created.Id);
        var row = new RuleRow(stored, null);
        var form = RuleFormModel.FromRule(stored.ToNormalized());

        Assert.Equal(reason, overview.RiskyRules.SingleOrDefault(r => r.RuleId == created.Id)?.Reason);
        Assert.Equal(reason is not null, row.IsExposed);
        Assert.Equal(reason, row.Exposure.Text);
        Assert.Equal(row.Exposure, form.Exposure);
    }

    [Fact]
    public void Diff_marks_changed_added_and_removed_fields()
    {
        var changes = AuditDiff.Compare("""{"name":"a","description":"d","gone":1}""", """{"name":"b","description":"d","new":true}""");
        Assert.Equal(FieldChangeKind.Changed, changes.Single(c => c.Field == "name").Kind);
        Assert.Equal(FieldChangeKind.Unchanged, changes.Single(c => c.Field == "description").Kind);
        Assert.Equal(FieldChangeKind.Removed, changes.Single(c => c.Field == "gone").Kind);
        var added = changes.Single(c => c.Field == "new");
        Assert.Equal((FieldChangeKind.Added, "true"), (added.Kind, added.After));
        Assert.Empty(AuditDiff.Compare(null, null));
        Assert.Null(AuditDiff.DescribeRule("""{"name":"a"}"""));
        Assert.Equal("ALLOW IPv6 to ::/0", AuditDiff.DescribeRule("""{"direction":"egress","ethertype":"IPv6","protocol":null}"""));
    }

    [Fact]
    public void Csv_quotes_and_defuses_formulas()
    {
        var row = new AuditRow(1, new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc), "u1", "=HYPERLINK(\"x\")", "t1", "alpha",
            "update", "security_group", "g1", """{"name":"a,b"}""", null, "UI", null, "g1", "web");
        var csv = AuditExport.ToCsv([row]);
        var lines = csv.Split("\r\n");
        Assert.Equal(string.Join(',', AuditExport.Columns), lines[0]);
        Assert.StartsWith("1,2026-11-01T09:00:00.000Z,t1,alpha,u1,\"'=HYPERLINK(\"\"x\"\")\",update,security_group,g1,g1,web,UI,,\"{\"\"name\"\":\"\"a,b\"\"}\",", lines[1]);
        var json = System.Text.Json.JsonDocument.Parse(AuditExport.ToJson([row]));
        Assert.Equal("a,b", json.RootElement[0].GetProperty("before").GetProperty("name").GetString());
    }
}
