using System.Collections.Concurrent;
using System.Data.Common;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Data;
using SecGroupAdmin.Web.Components.Pages.Groups;
using SecGroupAdmin.Web.Live;

namespace SecGroupAdmin.Web.Tests.Pages.Groups;

/// <summary>
/// How often the group page reads the group: once after the user's own change, though that change also comes back
/// as live events (one per rule), and again for someone else's change. Counted on the database: every SQL command
/// the app sends is recorded, and the page's read of the group is the one that lists the tenant's groups with their
/// ports and defaults (nothing else in these flows sends that query).
/// </summary>
public sealed class GroupDetailPageReadsTests : GroupsUiTestContext
{
    private readonly ConcurrentQueue<string> commands = new();

    public GroupDetailPageReadsTests() =>
        Services.AddSingleton<IDbContextFactory<AppDbContext>>(sp =>
            new RecordingFactory(sp.GetRequiredService<DbContextOptions<AppDbContext>>(), commands));

    /// <summary>How many times the page read the group (and its summaries) since the last <see cref="commands"/> clear.</summary>
    private int PageReads() => commands.Count(c => c.Contains("\"PortSecurityGroup\"", StringComparison.Ordinal) &&
        c.Contains("\"DefaultSecurityGroups\"", StringComparison.Ordinal));

    private IRenderedComponent<GroupDetailPage> RenderPage(string groupId)
    {
        SetRendererInfo(new RendererInfo("Server", true)); // as in the app's circuit
        var cut = Render<GroupDetailPage>(p => p.Add(x => x.TenantName, TenantName).Add(x => x.GroupId, groupId));
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("#rules-grid .rule-sentence").Count > 0 || cut.FindAll("#no-rules").Count > 0));
        return cut;
    }

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<GroupDetailPage> cut) =>
        cut.FindAll("#rules-grid tbody tr.mud-table-row");

    /// <summary>Waits until every change event delivered so far has been handled by the page (its reloads included), then counts.</summary>
    private async Task SettleAsync(IRenderedComponent<GroupDetailPage> cut)
    {
        await Services.GetRequiredService<ChangeFeed>().WhenIdleAsync();
        await cut.InvokeAsync(() => { });
    }

    [Fact]
    public async Task Adding_a_rule_reads_the_group_once_and_someone_elses_rule_once_more()
    {
        var web = await NewGroupAsync("web", startEmpty: true);
        await NewRuleAsync(web.Id, port: 22, prefix: "10.0.0.0/8");
        SignIn(Role.Member);
        var providers = RenderProviders();
        var cut = RenderPage(web.Id);
        await SettleAsync(cut);
        Assert.Equal(1, PageReads());
        commands.Clear();

        await cut.InvokeAsync(() => cut.Find("#add-rule").Click());
        var form = new RuleForm(providers);
        form.Port("8443");
        form.Cidr("10.0.0.0/8");
        providers.Find("#rule-save").Click();
        cut.WaitForAssertion(() => Assert.Contains(Rows(cut), r => r.TextContent.Contains("8443/tcp", StringComparison.Ordinal) && r.ClassName!.Contains("row-changed", StringComparison.Ordinal)));
        await SettleAsync(cut);

        Assert.Equal(1, PageReads());

        commands.Clear();
        await NewRuleAsync(web.Id, port: 9090, prefix: "10.0.0.0/8");
        cut.WaitForAssertion(() => Assert.Contains(Rows(cut), r => r.TextContent.Contains("9090/tcp", StringComparison.Ordinal)));
        await SettleAsync(cut);
        Assert.Equal(1, PageReads());
    }

    [Fact]
    public async Task Deleting_selected_rules_reads_the_group_once_not_once_per_rule()
    {
        var web = await NewGroupAsync("web", startEmpty: true);
        await NewRuleAsync(web.Id, port: 22, prefix: "10.0.0.0/8");
        await NewRuleAsync(web.Id, port: 80, prefix: "10.0.0.0/8");
        await NewRuleAsync(web.Id, port: 443, prefix: "10.0.0.0/8");
        SignIn(Role.Member);
        var providers = RenderProviders();
        var cut = RenderPage(web.Id);
        cut.WaitForAssertion(() => Assert.Equal(3, Rows(cut).Count));
        await cut.InvokeAsync(() => cut.Find(".select-all-rules input").Change(true));
        cut.WaitForAssertion(() => Assert.Equal("Delete 3 selected", cut.Find("#delete-selected").TextContent.Trim()));
        await SettleAsync(cut);
        commands.Clear();

        await cut.InvokeAsync(() => cut.Find("#delete-selected").Click());
        providers.WaitForAssertion(() => Assert.Contains("Delete these 3 rules?", providers.Markup));
        providers.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == "Delete").Click();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#no-rules")));
        await SettleAsync(cut);

        Assert.Empty(RulesInDb(web.Id));
        Assert.Equal(1, PageReads());
    }

    /// <summary>The test database's contexts, with every command they send recorded.</summary>
    private sealed class RecordingFactory(DbContextOptions<AppDbContext> options, ConcurrentQueue<string> commands) : IDbContextFactory<AppDbContext>
    {
        private readonly DbContextOptions<AppDbContext> recording =
            new DbContextOptionsBuilder<AppDbContext>(options).AddInterceptors(new Recorder(commands)).Options;

        public AppDbContext CreateDbContext() => new(recording);
    }

    private sealed class Recorder(ConcurrentQueue<string> commands) : DbCommandInterceptor
    {
        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            commands.Enqueue(command.CommandText);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            commands.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }
}
