using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Web.DefaultRules;
using SecGroupAdmin.Web.Hosting;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Tests.Services;

namespace SecGroupAdmin.Web.Tests.Scale;

/// <summary>
/// The drift report at scale (a million rules): the rules are never read as a table, only sought on the unique
/// (group, key) index, once per group and template rule; a tenant's drift (its groups page and the apply) reads no table
/// at all, the groups through the (tenant, name) index. SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN with sequential
/// and bitmap scans priced out, as <see cref="PagePlanTests"/>.
/// </summary>
public abstract partial class DefaultRuleDriftPlanTests(DatabaseProvider provider) : IDisposable
{
    private const string RuleKeyIndex = "IX_SecurityGroupRules_SecurityGroupId_DuplicateKey";
    private readonly ServiceTestHost host = new(provider);

    private bool IsPostgres => provider == DatabaseProvider.PostgreSql;

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The drift rows' SQL and plan, on a tenant or on all of them.</summary>
    private async Task<(string Sql, string Plan)> PlanAsync(string? tenantId)
    {
        // Template rules for both kinds and for default groups only, with PARENT: every branch of the query.
        await host.Service.ListGroupsAsync(host.MemberA);
        await host.NewGroupAsync(host.MemberA, "web");
        await using var db = host.NewDb();
        var query = DefaultRuleDriftQuery.Rows(db, await GroupTemplate.ReadAllAsync(db, default), tenantId);
        await db.Database.OpenConnectionAsync();
        if (IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off; SET enable_bitmapscan = off");
        }
        await using DbCommand command = query.CreateDbCommand();
        var sql = command.CommandText;
        command.CommandText = (IsPostgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + sql;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(IsPostgres ? 0 : 3));
        }
        return (sql, string.Join("\n", lines));
    }

    [Fact]
    public async Task The_rules_are_only_sought_on_the_group_key_index()
    {
        var (sql, plan) = await PlanAsync(tenantId: null);
        Assert.True(plan.Contains(RuleKeyIndex, StringComparison.Ordinal), $"expected {RuleKeyIndex} in:\n{plan}");
        var aliases = RulesAlias().Matches(sql).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(aliases);
        if (IsPostgres)
        {
            Assert.DoesNotContain("Seq Scan on \"SecurityGroupRules\"", plan, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain(plan.Split('\n'), line => aliases.Any(a => line == $"SCAN {a}"));
        }
    }

    [Fact]
    public async Task A_tenants_drift_reads_no_table_whole()
    {
        var (_, plan) = await PlanAsync(host.TenantA);
        Assert.True(plan.Contains(RuleKeyIndex, StringComparison.Ordinal), $"expected {RuleKeyIndex} in:\n{plan}");
        Assert.True(plan.Contains("IX_SecurityGroups_TenantId_Name", StringComparison.Ordinal), $"expected the (tenant, name) index in:\n{plan}");
        if (IsPostgres)
        {
            Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain(plan.Split('\n'), line => Regex.IsMatch(line, @"^SCAN \S+$"));
        }
    }

    [GeneratedRegex("\"SecurityGroupRules\" AS \"?(\\w+)\"?")]
    private static partial Regex RulesAlias();
}

/// <summary>On SQLite.</summary>
public sealed class DefaultRuleDriftPlanTestsOnSqlite() : DefaultRuleDriftPlanTests(DatabaseProvider.Sqlite);

/// <summary>On PostgreSQL.</summary>
public sealed class DefaultRuleDriftPlanTestsOnPostgreSql() : DefaultRuleDriftPlanTests(DatabaseProvider.PostgreSql);
