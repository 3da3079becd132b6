using System.Data.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Data.Tags;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Web.AddressGroups;
using SecGroupAdmin.Web.Api;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Hosting;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Tests.Services;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// The plans of the API's hot reads, built exactly as the lists build them (<see cref="SqlList"/> over
/// <see cref="Visible"/>), on a database of 2,040 groups and 24,000 rules in 21 tenants: each reads through an index,
/// none scans a whole table (SQLite: <c>EXPLAIN QUERY PLAN</c> without a bare <c>SCAN table</c>; PostgreSQL:
/// <c>EXPLAIN</c> after <c>ANALYZE</c>, as autovacuum would have done, without a <c>Seq Scan</c>).
/// </summary>
public abstract class ListQueryPlanTests(ServiceTestHost host) : IDisposable
{
    private readonly List<SecurityGroup> groupsOfA = [];

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Hot_reads_of_a_tenant_use_indexes()
    {
        await SeedAsync();
        var caller = host.MemberA;
        var group = groupsOfA[17];
        await using var db = host.NewDb();
        var postgres = SqlList.IsPostgres(db);
        var ruleFields = ListFields.Rules(db);
        var ruleId = await db.SecurityGroupRules.Where(r => r.SecurityGroupId == group.Id).Select(r => r.Id).FirstAsync();

        IQueryable<SecurityGroup> Groups(string query) =>
            SqlList.Order(SqlList.Filter(Visible.Groups(db, caller), Parse(query, SecurityGroupEndpoints.Filterable, SecurityGroupEndpoints.Sortable), ListFields.Groups),
                Parse(query, SecurityGroupEndpoints.Filterable, SecurityGroupEndpoints.Sortable), ListFields.Groups, postgres);
        IQueryable<SecurityGroupRule> Rules(string query) =>
            SqlList.Order(SqlList.Filter(Visible.Rules(db, caller), Parse(query, SecurityGroupRuleEndpoints.Filterable, SecurityGroupRuleEndpoints.Sortable), ruleFields),
                Parse(query, SecurityGroupRuleEndpoints.Filterable, SecurityGroupRuleEndpoints.Sortable), ruleFields, postgres);
        async Task<IQueryable<SecurityGroup>> GroupPage(string query)
        {
            var parsed = Parse(query, SecurityGroupEndpoints.Filterable, SecurityGroupEndpoints.Sortable);
            return await SqlList.PageQueryAsync(SqlList.Filter(Visible.Groups(db, caller), parsed, ListFields.Groups), parsed, ListFields.Groups, parsed.Limit!.Value, postgres, default);
        }

        async Task<IQueryable<SecurityGroupRule>> RulePage(string query)
        {
            var parsed = Parse(query, SecurityGroupRuleEndpoints.Filterable, SecurityGroupRuleEndpoints.Sortable);
            return await SqlList.PageQueryAsync(SqlList.Filter(Visible.Rules(db, caller), parsed, ruleFields), parsed, ruleFields, parsed.Limit!.Value, postgres, default);
        }

        // A tenant's rules in id order are one range of (GroupTenantId, Id): a page reads the page, not the tenant's
        // 4,000 rules sorted (before the stored group tenant: join to the groups, then a sort of every rule).
        var rulePages = new Dictionary<string, DbCommand>
        {
            ["rules first page, id order"] = (await RulePage("limit=10")).CreateDbCommand(),
            ["rules page by marker"] = (await RulePage($"limit=10&marker={ruleId}")).CreateDbCommand(),
        };
        var plans = new Dictionary<string, DbCommand>(rulePages)
        {
            ["group by ?id="] = Groups($"id={group.Id}").CreateDbCommand(),
            ["group by ?name="] = Groups($"name={group.Name}").CreateDbCommand(),
            ["first page, id order"] = (await GroupPage("limit=5")).CreateDbCommand(),
            ["page by marker"] = (await GroupPage($"limit=5&marker={group.Id}")).CreateDbCommand(),
            ["page by marker, name order"] = (await GroupPage($"limit=5&marker={group.Id}&sort_key=name&sort_dir=asc")).CreateDbCommand(),
            ["embedded rules of one group"] = db.SecurityGroupRules.Where(r => r.SecurityGroupId == group.Id).Select(SecurityGroupService.ForReading).CreateDbCommand(),
            ["rules of one group"] = Rules($"security_group_id={group.Id}").CreateDbCommand(),
            ["rule by ?id="] = Rules($"id={ruleId}").CreateDbCommand(),
            ["show group"] = Visible.Groups(db, caller).Where(g => g.Id == group.Id).CreateDbCommand(),
        };
        await db.Database.OpenConnectionAsync();
        foreach (var (name, command) in plans)
        {
            var plan = await PlanAsync(command, postgres);
            var text = $"{name}:\n{string.Join("\n", plan)}";
            Assert.Contains(plan, line => line.Contains("INDEX", StringComparison.OrdinalIgnoreCase));
            if (postgres)
            {
                Assert.DoesNotContain(plan, line => line.Contains("Seq Scan", StringComparison.Ordinal));
            }
            else
            {
                Assert.False(plan.Any(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^SCAN \w+$")), text);
            }
            if (rulePages.ContainsKey(name))
            {
                Assert.True(plan.Any(line => line.Contains("IX_SecurityGroupRules_GroupTenantId_Id", StringComparison.Ordinal)), text);
                // The page is read in index order and stops at the limit: no sort of the tenant's every rule.
                Assert.DoesNotContain(plan, line => line.Contains(postgres ? "Sort" : "TEMP B-TREE", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task Reads_of_a_tenant_that_receives_shares_use_indexes()
    {
        await SeedAsync();
        // The caller's tenant receives shares: its reads also look for groups shared with it.
        var caller = host.MemberA with { ReceivesShares = true };
        var group = groupsOfA[17];
        await using var db = host.NewDb();
        var postgres = SqlList.IsPostgres(db);
        var fields = ListFields.GroupsFor(db, caller);
        IQueryable<SecurityGroup> Groups(string query)
        {
            var parsed = Parse(query, SecurityGroupEndpoints.Filterable, SecurityGroupEndpoints.Sortable);
            return SqlList.Order(SqlList.Filter(Visible.Groups(db, caller), parsed, fields), parsed, fields, postgres);
        }
        var plans = new Dictionary<string, DbCommand>
        {
            ["group by ?id="] = Groups($"id={group.Id}").CreateDbCommand(),
            ["show group"] = Visible.Groups(db, caller).Where(g => g.Id == group.Id).CreateDbCommand(),
            ["shared groups"] = Groups("shared=True").CreateDbCommand(),
            // The groups page of a tenant that receives shares: its own and the shared ones, one page by name (and its
            // count, and a search); the same for a tenant admin, whom Visible lets see the tenant only, and a CloudAdmin.
            ["groups page of a receiving tenant"] = GroupSummaryQuery.Listed(db, caller, host.TenantA)
                .OrderBy(g => g.Name).ThenBy(g => g.Id).Take(25).Select(g => new { g.Id, g.Name, g.TenantId }).CreateDbCommand(),
            ["groups page count of a receiving tenant"] = GroupSummaryQuery.Listed(db, caller, host.TenantA).Select(g => g.Id).CreateDbCommand(),
            ["groups page search of a receiving tenant"] = GroupSummaryQuery.Listed(db, caller, host.TenantA)
#pragma warning disable CA1304, CA1311, CA1862 // as the page builds it: translated to SQL
                .Where(g => g.Name.ToLower().Contains("g1")).OrderBy(g => g.Name).ThenBy(g => g.Id).Take(25).Select(g => g.Id).CreateDbCommand(),
#pragma warning restore CA1304, CA1311, CA1862
            ["groups page of a receiving tenant, its admin"] = GroupSummaryQuery.Listed(db, host.AdminA with { ReceivesShares = true }, host.TenantA)
                .OrderBy(g => g.Name).ThenBy(g => g.Id).Take(25).Select(g => new { g.Id, g.Name }).CreateDbCommand(),
            ["groups page of a receiving tenant, a CloudAdmin"] = GroupSummaryQuery.Listed(db, host.CloudAdmin with { TenantId = host.TenantA, ReceivesShares = true }, host.TenantA)
                .OrderBy(g => g.Name).ThenBy(g => g.Id).Take(25).Select(g => new { g.Id, g.Name }).CreateDbCommand(),
            // Its address-groups page: the same shape over the address groups.
            ["address groups page of a receiving tenant"] = AddressGroupQuery.Listed(db, caller, host.TenantA)
                .OrderBy(g => g.Name).ThenBy(g => g.Id).Take(25).Select(g => new { g.Id, g.Name, g.TenantId }).CreateDbCommand(),
        };
        await db.Database.OpenConnectionAsync();
        foreach (var (name, command) in plans)
        {
            var plan = await PlanAsync(command, postgres);
            var text = $"{name}:\n{command.CommandText}\n{string.Join("\n", plan)}";
            Assert.True(plan.Any(line => line.Contains("INDEX", StringComparison.OrdinalIgnoreCase)), text);
            // The policies are found by their index (target or object), never by reading them all.
            Assert.False(plan.Any(line => line.Contains(postgres ? "Seq Scan on \"RbacPolicies\"" : "SCAN r", StringComparison.Ordinal) &&
                                          !line.Contains("USING", StringComparison.Ordinal)), text);
            // ... and by the tenant's target, not by walking every policy of the object type (6,000 here, a cloud's
            // every share in real life) through the object index.
            Assert.False(plan.Any(line => !postgres && line.Contains("IX_RbacPolicies_ObjectType_ObjectId_Action_TargetTenant (ObjectType=?)", StringComparison.Ordinal)), text);
            if (name is not "shared groups")
            {
                // No table read whole; on SQLite the rows of the lists' UNION ALL (a co-routine) are read as they come.
                var unions = plan.Select(line => System.Text.RegularExpressions.Regex.Match(line, @"^CO-ROUTINE (\w+)$"))
                    .Where(m => m.Success).Select(m => "SCAN " + m.Groups[1].Value).ToHashSet();
                Assert.False(postgres ? plan.Any(line => line.Contains("Seq Scan", StringComparison.Ordinal))
                    : plan.Any(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^SCAN \w+$") && !unions.Contains(line)), text);
            }
        }
    }

    /// <summary>
    /// The four tag filters on the group and rule lists (as <see cref="GroupList"/> and <see cref="RuleList"/> build
    /// them) and the groups page's tag filter: each tag table is read through its primary key (resource, tag) or the
    /// (tag, resource) index, never scanned whole.
    /// </summary>
    [Fact]
    public async Task Tag_filters_use_indexes()
    {
        await SeedAsync();
        var caller = host.MemberA;
        await using var db = host.NewDb();
        var postgres = SqlList.IsPostgres(db);
        var ruleFields = ListFields.Rules(db);

        IQueryable<SecurityGroup> Groups(string query)
        {
            var parsed = Parse(query, SecurityGroupEndpoints.Filterable, SecurityGroupEndpoints.Sortable);
            return SqlList.Order(TagFilters.Groups(db, SqlList.Filter(Visible.Groups(db, caller), parsed, ListFields.Groups), parsed), parsed, ListFields.Groups, postgres);
        }
        IQueryable<SecurityGroupRule> Rules(string query)
        {
            var parsed = Parse(query, SecurityGroupRuleEndpoints.Filterable, SecurityGroupRuleEndpoints.Sortable);
            return SqlList.Order(TagFilters.Rules(db, SqlList.Filter(Visible.Rules(db, caller), parsed, ruleFields), parsed), parsed, ruleFields, postgres);
        }

        var plans = new Dictionary<string, DbCommand>
        {
            ["groups ?tags="] = Groups("tags=env1,all").CreateDbCommand(),
            ["groups ?tags-any="] = Groups("tags-any=env1,env2").CreateDbCommand(),
            ["groups ?not-tags="] = Groups("not-tags=env1,all").CreateDbCommand(),
            ["groups ?not-tags-any="] = Groups("not-tags-any=env1").CreateDbCommand(),
            ["groups ?tags=&tags-any=, name order"] = Groups("tags=all&tags-any=env3&sort_key=name&sort_dir=asc").CreateDbCommand(),
            ["groups page, tag filter"] = TagFilters.GroupsWithAll(db, Visible.Groups(db, caller).Where(g => g.TenantId == host.TenantA), ["env1", "all"])
                .OrderBy(g => g.Name).ThenBy(g => g.Id).Skip(0).Take(25).CreateDbCommand(),
            ["rules ?tags="] = Rules("tags=r1,all").CreateDbCommand(),
            // Tenant-wide: tags every other tenant's rules carry too (a third, and all, of the rule tag table); as an
            // EXISTS, PostgreSQL read the whole rule tag table into a hash semi join.
            ["rules ?tags-any="] = Rules("tags-any=r1,r2").CreateDbCommand(),
            ["rules ?tags-any=all"] = Rules("tags-any=all,r0").CreateDbCommand(),
            ["rules ?tags-any=, name order"] = Rules("tags-any=r1,r2&sort_key=protocol&sort_dir=asc").CreateDbCommand(),
            ["rules of one group ?tags-any="] = Rules($"security_group_id={groupsOfA[5].Id}&tags-any=r1,r2").CreateDbCommand(),
            ["rules ?not-tags="] = Rules("not-tags=r1,all").CreateDbCommand(),
            ["rules ?not-tags-any="] = Rules("not-tags-any=r1").CreateDbCommand(),
            ["rules of one group ?tags="] = Rules($"security_group_id={groupsOfA[3].Id}&tags=all").CreateDbCommand(),
        };
        await db.Database.OpenConnectionAsync();
        var failures = new List<string>();
        foreach (var (name, command) in plans)
        {
            var plan = await PlanAsync(command, postgres);
            var tagReads = plan.Where(line => line.Contains("Tags", StringComparison.Ordinal)).ToList();
            var bad = tagReads.Count == 0 // the tag table is read at all
                || (postgres
                    ? plan.Any(line => line.Contains("Seq Scan", StringComparison.Ordinal))
                    // Every read of a tag table is a SEARCH through its key or index; no table is scanned whole.
                    : plan.Any(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^SCAN \w+$"))
                      || !tagReads.All(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^SEARCH \w+ (EXISTS )?USING (COVERING INDEX|PRIMARY KEY|INDEX)")));
            if (bad)
            {
                failures.Add($"{name}:\n{string.Join("\n", plan)}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static async Task<List<string>> PlanAsync(DbCommand command, bool postgres)
    {
        command.CommandText = (postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + command.CommandText;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(postgres ? 0 : 3));
        }
        return lines;
    }

    private static ListQuery Parse(string query, IReadOnlySet<string> filterable, IReadOnlySet<string> sortable) =>
        ListQuery.Parse(new DefaultHttpContext { Request = { QueryString = new QueryString("?" + query) } }.Request.Query, filterable, sortable);

    /// <summary>20 tenants of 100 groups × 10 rules, and tenant A with 40 groups × 100 rules.</summary>
    private async Task SeedAsync()
    {
        var start = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        var tick = 0;
        for (var t = 0; t <= 20; t++)
        {
            await using var db = host.NewDb();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var tenant = host.TenantA;
            if (t > 0)
            {
                tenant = Tenant.NewId();
                db.Tenants.Add(new Tenant { Id = tenant, Name = $"t{t}" });
            }
            var (groupCount, ruleCount) = t == 0 ? (40, 100) : (100, 10);
            for (var g = 0; g < groupCount; g++)
            {
                var group = new SecurityGroup { Id = Guid.NewGuid().ToString(), TenantId = tenant, Name = $"g{g}", CreatedAt = start, UpdatedAt = start };
                db.SecurityGroups.Add(group);
                if (t == 0)
                {
                    groupsOfA.Add(group);
                }
                // Tags as a cloud has them: every group "all" and one of five "env" tags, shared by every tenant, and in
                // the other tenants six more of their own (a tag table much larger than one tenant's share of it);
                // every tenth rule of A and every rule elsewhere "all" and one of three "r" tags.
                group.HasTags = true;
                db.SecurityGroupTags.AddRange(
                    new SecurityGroupTag { SecurityGroupId = group.Id, Tag = "all" },
                    new SecurityGroupTag { SecurityGroupId = group.Id, Tag = $"env{g % 5}" });
                if (t > 0)
                {
                    db.SecurityGroupTags.AddRange(Enumerable.Range(0, 6).Select(k => new SecurityGroupTag { SecurityGroupId = group.Id, Tag = $"t{t}-{k}-{g % (k + 2)}" }));
                }
                for (var r = 0; r < ruleCount; r++)
                {
                    var id = Guid.NewGuid().ToString();
                    var tagged = t > 0 || r % 10 == 0;
                    if (tagged)
                    {
                        db.SecurityGroupRuleTags.AddRange(
                            new SecurityGroupRuleTag { SecurityGroupRuleId = id, Tag = "all" },
                            new SecurityGroupRuleTag { SecurityGroupRuleId = id, Tag = $"r{r % 3}" });
                    }
                    var at = start.AddMilliseconds(tick++);
                    db.SecurityGroupRules.Add(new SecurityGroupRule
                    {
                        Id = id,
                        SecurityGroupId = group.Id,
                        TenantId = tenant,
                        Protocol = "tcp",
                        PortRangeMin = 1000 + r,
                        PortRangeMax = 1000 + r,
                        RemoteIpPrefix = "10.0.0.0/8",
                        NormalizedCidr = "10.0.0.0/8",
                        DuplicateKey = id,
                        CreatedAt = at,
                        UpdatedAt = at,
                        HasTags = tagged,
                    });
                }
            }
            await db.SaveChangesAsync();
        }
        // Sharing at some scale: 300 other tenants' groups each shared with 20 tenants (6,000 policies), 5 of them with A,
        // 2 more with everyone; every tenant's 20 address groups, 100 of the others' shared with 20 tenants, 3 with A.
        await using (var db = host.NewDb())
        {
            var others = await db.SecurityGroups.Where(g => g.TenantId != host.TenantA).OrderBy(g => g.Id).Take(300).Select(g => g.Id).ToListAsync();
            db.RbacPolicies.AddRange(others.SelectMany((id, i) => Enumerable.Range(0, 20).Select(t => new Data.Rbac.RbacPolicy
            {
                ObjectType = "security_group",
                ObjectId = id,
                Action = "access_as_shared",
                TargetTenant = i < 5 && t == 0 ? host.TenantA : i is 5 or 6 && t == 0 ? "*" : $"target-{t}",
                TenantId = "owner",
                CreatedAt = DateTime.UtcNow,
            })));
            var tenants = await db.SecurityGroups.Select(g => g.TenantId).Distinct().ToListAsync();
            var addressGroups = tenants.SelectMany(t => Enumerable.Range(0, 20).Select(i => new Data.AddressGroups.AddressGroup
            {
                TenantId = t, Name = $"ag{i}", CreatedAt = start, UpdatedAt = start,
            })).ToList();
            db.AddressGroups.AddRange(addressGroups);
            db.RbacPolicies.AddRange(addressGroups.Where(g => g.TenantId != host.TenantA).Take(100).SelectMany((g, i) => Enumerable.Range(0, 20).Select(t => new Data.Rbac.RbacPolicy
            {
                ObjectType = "address_group",
                ObjectId = g.Id,
                Action = "access_as_shared",
                TargetTenant = i < 3 && t == 0 ? host.TenantA : $"target-{t}",
                TenantId = "owner",
                CreatedAt = DateTime.UtcNow,
            })));
            await db.SaveChangesAsync();
        }
        await using var analyze = host.NewDb();
        if (SqlList.IsPostgres(analyze))
        {
            await analyze.Database.ExecuteSqlRawAsync("ANALYZE");
        }
    }
}

/// <summary><see cref="ListQueryPlanTests"/> on SQLite.</summary>
public sealed class ListQueryPlanTestsOnSqlite() : ListQueryPlanTests(new ServiceTestHost(DatabaseProvider.Sqlite));

/// <summary><see cref="ListQueryPlanTests"/> on PostgreSQL.</summary>
public sealed class ListQueryPlanTestsOnPostgreSql() : ListQueryPlanTests(new ServiceTestHost(DatabaseProvider.PostgreSql));
