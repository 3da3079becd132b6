using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Web.Audit;
using SecGroupAdmin.Web.Hosting;
using SecGroupAdmin.Web.Operator;
using SecGroupAdmin.Web.Tests.Services;

namespace SecGroupAdmin.Web.Tests.Scale;

/// <summary>
/// The plans of the pages' hot reads: the audit log's first page and its filtered pages, the exposed-rules list and
/// the overview's aggregates walk an index, never the whole table (SQLite: EXPLAIN QUERY PLAN has no bare
/// "SCAN table"; PostgreSQL: EXPLAIN with sequential and bitmap scans and sorts priced out has no "Seq Scan" nor "Sort", as on a table too small
/// for the planner to bother otherwise). The queries are the ones the pages run (the same builders).
/// </summary>
public abstract class PagePlanTests(DatabaseProvider provider) : IDisposable
{
    private readonly ServiceTestHost host = new(provider);

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    private bool IsPostgres => provider == DatabaseProvider.PostgreSql;

    private async Task SeedAsync()
    {
        var web = await host.NewGroupAsync(host.MemberA, "web");
        await host.Service.CreateRuleAsync(host.MemberA, ServiceTestHost.Rule(web.Id, "tcp", 22, "0.0.0.0/0"));
    }

    /// <summary>The plan's lines (SQLite: the detail column; PostgreSQL: the text).</summary>
    private async Task<List<string>> PlanAsync(AppDbContext db, IQueryable query)
    {
        await db.Database.OpenConnectionAsync();
        if (IsPostgres)
        {
            // Price out what a tiny test table would make cheapest, so the plan shows what the indexes allow.
            await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off");
        }
        await using DbCommand command = query.CreateDbCommand();
        command.CommandText = (IsPostgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + command.CommandText;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(IsPostgres ? 0 : 3));
        }
        return lines;
    }

    private void AssertNoTableScan(List<string> plan)
    {
        var text = string.Join("\n", plan);
        if (IsPostgres)
        {
            Assert.DoesNotContain("Seq Scan", text, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain(plan, line => Regex.IsMatch(line, @"^SCAN \S+$"));
        }
    }

    private async Task AssertUsesIndexAsync(AppDbContext db, IQueryable query, string index, bool inOrder)
    {
        var plan = await PlanAsync(db, query);
        var text = string.Join("\n", plan);
        Assert.True(text.Contains(index, StringComparison.Ordinal), $"expected {index} in:\n{text}");
        AssertNoTableScan(plan);
        if (inOrder)
        {
            // Newest first straight from the index: no sort of every match.
            Assert.False(IsPostgres ? Regex.IsMatch(text, @"^\s*(->\s*)?Sort\b", RegexOptions.Multiline) : text.Contains("TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal),
                $"expected no sort in:\n{text}");
        }
    }

    private async Task<IQueryable> AuditPageAsync(AppDbContext db, AuditFilter filter) =>
        AuditQuery.PageQuery(db, await AuditQuery.VisibleAsync(db, host.CloudAdmin, filter), 0, AuditQuery.DefaultPageSize);

    [Fact]
    public async Task The_audit_first_page_and_the_capped_count_walk_the_time_index()
    {
        await SeedAsync();
        await using var db = host.NewDb();
        await AssertUsesIndexAsync(db, await AuditPageAsync(db, new AuditFilter()), "IX_AuditEntries_At_Id", inOrder: true);
        var count = AuditQuery.CountQuery(await AuditQuery.VisibleAsync(db, host.CloudAdmin, new AuditFilter(TenantId: host.TenantA)));
        await AssertUsesIndexAsync(db, count, "IX_AuditEntries_TenantId_", inOrder: false);
    }

    [Fact]
    public async Task Filtered_audit_pages_seek_the_index_of_their_filter()
    {
        await SeedAsync();
        await using var db = host.NewDb();
        await AssertUsesIndexAsync(db, await AuditPageAsync(db, new AuditFilter(TenantId: host.TenantA)), "IX_AuditEntries_TenantId_At_Id", inOrder: true);
        await AssertUsesIndexAsync(db, await AuditPageAsync(db, new AuditFilter(TenantId: host.TenantA, ResourceType: "security_group_rule")),
            "IX_AuditEntries_TenantId_ResourceType_At_Id", inOrder: true);
        await AssertUsesIndexAsync(db, await AuditPageAsync(db, new AuditFilter(ResourceType: "port")), "IX_AuditEntries_ResourceType_At_Id", inOrder: true);
        await AssertUsesIndexAsync(db, await AuditPageAsync(db, new AuditFilter(ResourceId: "some-id")), "IX_AuditEntries_ResourceId_At_Id", inOrder: true);
        await AssertUsesIndexAsync(db, await AuditPageAsync(db, new AuditFilter(From: DateTime.UtcNow.AddDays(-1))), "IX_AuditEntries_At_Id", inOrder: true);
        // One group's entries (the group's and its rules'): a walk of the group's stretch of its index, newest first.
        await AssertUsesIndexAsync(db, await AuditPageAsync(db, new AuditFilter(SecurityGroupId: "some-group")), "IX_AuditEntries_SecurityGroupId_At_Id", inOrder: true);
        // The actor filter is a set of user ids: SQLite seeks each id; PostgreSQL, with sorts priced out, may walk
        // the time index instead. Either way an index, never the table.
        await AssertUsesIndexAsync(db, await AuditPageAsync(db, new AuditFilter(Actor: "alice")),
            IsPostgres ? "IX_AuditEntries_" : "IX_AuditEntries_ActorUserId_At_Id", inOrder: false);
    }

    [Fact]
    public async Task The_exposed_rules_and_the_overview_aggregates_use_indexes()
    {
        await SeedAsync();
        await using var db = host.NewDb();
        await AssertUsesIndexAsync(db, OperatorOverviewQuery.RiskyByTenant(db), "IX_SecurityGroupRules_Exposure_SecurityGroupId", inOrder: false);
        var since = DateTime.UtcNow.Date.AddDays(-29);
        await AssertUsesIndexAsync(db, OperatorOverviewQuery.ChangesPerDay(db, since), "IX_AuditEntries_At_Id", inOrder: false);
        await AssertUsesIndexAsync(db, OperatorOverviewQuery.ChangesByTenant(db, since), "IX_AuditEntries_", inOrder: false);

        // One tenant's exposed rules: from the verdict index or from the tenant's groups, never a scan of every rule.
        var plan = await PlanAsync(db, OperatorOverviewQuery.RiskyRulesOf(db, host.TenantA, OperatorOverviewQuery.RiskyListSize));
        AssertNoTableScan(plan);
        Assert.Contains(plan, line => line.Contains("IX_SecurityGroupRules_", StringComparison.Ordinal));
    }
}

/// <summary><see cref="PagePlanTests"/> on SQLite.</summary>
public sealed class PagePlanTestsOnSqlite() : PagePlanTests(DatabaseProvider.Sqlite);

/// <summary><see cref="PagePlanTests"/> on a real PostgreSQL server.</summary>
public sealed class PagePlanTestsOnPostgreSql() : PagePlanTests(DatabaseProvider.PostgreSql);
