using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data.Audit;
using SecGroupAdmin.Data.Ports;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Operator;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Tests.Infrastructure;
using SecGroupAdmin.Web.Tests.Services;

namespace SecGroupAdmin.Web.Tests.Scale;

/// <summary>
/// The operator overview's SQL aggregates (COUNT, GROUP BY per day and per tenant, the stored verdicts) equal a plain
/// in-memory computation over every row of a seeded database (seeded in bulk through EF, verdicts by the backfill).
/// </summary>
public sealed class OperatorOverviewAggregateTests : IDisposable
{
    private readonly ServiceTestHost host = new();
    private readonly ManualTimeProvider clock = new(new DateTimeOffset(2026, 11, 20, 15, 30, 0, TimeSpan.Zero));

    public void Dispose() => host.Dispose();

    private OperatorOverviewQuery NewQuery() => new(host.DbFactory, clock);

    private async Task SeedAsync()
    {
        var random = new Random(13);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = host.NewDb();
        var tenants = Enumerable.Range(0, 40).Select(i => new Tenant { Name = $"t-{i:D3}" }).ToList();
        db.Tenants.AddRange(tenants);
        var prefixes = new[] { null, "0.0.0.0/0", "10.0.0.0/8", "192.0.2.7/0" };
        var protocols = new[] { "tcp", "udp", null, "icmp" };
        foreach (var tenant in tenants)
        {
            for (var g = 0; g < random.Next(0, 6); g++)
            {
                var group = new SecurityGroup { TenantId = tenant.Id, Name = $"g-{g}", CreatedAt = now, UpdatedAt = now };
                db.SecurityGroups.Add(group);
                for (var r = 0; r < random.Next(0, 30); r++)
                {
                    var protocol = protocols[random.Next(protocols.Length)];
                    int? port = protocol is "tcp" or "udp" ? random.Next(1, 7000) : null;
                    var prefix = prefixes[random.Next(prefixes.Length)];
                    var normalized = new NormalizedRule(group.Id, Directions.Ingress, Ethertypes.IPv4, protocol, port, port, prefix, prefix, null, null, "");
                    db.SecurityGroupRules.Add(new SecurityGroupRule
                    {
                        Id = SecurityGroupRule.NewId(), SecurityGroupId = group.Id, TenantId = tenant.Id, Protocol = protocol,
                        PortRangeMin = port, PortRangeMax = port, RemoteIpPrefix = prefix, NormalizedCidr = prefix, Description = "",
                        DuplicateKey = $"{r}|" + RuleKey.For(normalized).ToStorageString(), CreatedAt = now.AddSeconds(-r), UpdatedAt = now,
                    });
                }
                if (random.Next(3) == 0)
                {
                    db.Ports.Add(new Port { TenantId = tenant.Id, Name = "p", CreatedAt = now, UpdatedAt = now, SecurityGroups = [group] });
                }
            }
            for (var a = 0; a < random.Next(0, 80); a++)
            {
                // Spread over 40 days, some before the 30-day window.
                db.AuditEntries.Add(new AuditEntry
                {
                    At = now.AddHours(-random.Next(0, 40 * 24)), TenantId = tenant.Id, Action = "create",
                    ResourceType = "security_group", ResourceId = "x", ActorUserId = "u", ActorName = "u", Source = "CLI",
                });
            }
        }
        await db.SaveChangesAsync();
        await RuleExposureBackfill.RunAsync(host.DbFactory);
    }

    [Fact]
    public async Task Cards_chart_risky_list_and_tenants_table_equal_an_in_memory_count()
    {
        await SeedAsync();
        var query = NewQuery();
        var overview = await query.GetAsync(host.Auditor);

        await using var db = host.NewDb();
        var tenants = await db.Tenants.AsNoTracking().ToListAsync();
        var groups = await db.SecurityGroups.AsNoTracking().ToListAsync();
        var rules = await db.SecurityGroupRules.AsNoTracking().ToListAsync();
        var ports = await db.Ports.AsNoTracking().ToListAsync();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = today.AddDays(-29);
        var audit = (await db.AuditEntries.AsNoTracking().ToListAsync()).Where(a => DateOnly.FromDateTime(a.At) >= first).ToList();
        var groupTenant = groups.ToDictionary(g => g.Id, g => g.TenantId);
        var exposed = rules.Where(r => RuleExposure.Of(r.ToNormalized()).IsExposed).ToList();
        Assert.NotEmpty(exposed);

        Assert.Equal(tenants.Count, overview.TenantCount);
        Assert.Equal(groups.Count, overview.TotalGroups);
        Assert.Equal(rules.Count, overview.TotalRules);
        Assert.Equal(ports.Count, overview.TotalPorts);
        Assert.Equal(exposed.Count, overview.TotalRisky);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => audit.Count(a => DateOnly.FromDateTime(a.At) == first.AddDays(i))), overview.ChangesPerDay);
        Assert.Equal(audit.Count, overview.TotalChanges);

        var busiest = audit.GroupBy(a => a.TenantId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(5).ToList();
        Assert.Equal(busiest.Select(g => g.Key), overview.BusiestTenants.Select(t => t.TenantId));
        foreach (var tenant in overview.BusiestTenants)
        {
            Assert.Equal(Enumerable.Range(0, 30).Select(i => audit.Count(a => a.TenantId == tenant.TenantId && DateOnly.FromDateTime(a.At) == first.AddDays(i))), tenant.PerDay);
        }

        var names = tenants.ToDictionary(t => t.Id, t => t.Name);
        var expectedRisky = exposed
            .GroupBy(r => groupTenant[r.SecurityGroupId])
            .OrderByDescending(g => g.Count()).ThenBy(g => names[g.Key], StringComparer.Ordinal)
            .SelectMany(g => g.OrderBy(r => groups.Single(x => x.Id == r.SecurityGroupId).Name, StringComparer.Ordinal).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal))
            .Take(OperatorOverviewQuery.RiskyListSize)
            .Select(r => r.Id);
        Assert.Equal(expectedRisky, overview.RiskyRules.Select(r => r.RuleId));

        // The tenants table, every sort, both directions, in pages of 7: the same rows in the same order as in memory.
        var since = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var expected = tenants.Select(t => new TenantFootprint(t.Id, t.Name,
                groups.Count(g => g.TenantId == t.Id),
                rules.Count(r => groupTenant[r.SecurityGroupId] == t.Id),
                ports.Count(p => p.TenantId == t.Id),
                new(t.SecurityGroupQuota, t.SecurityGroupRuleQuota),
                new(groups.Count(g => g.TenantId == t.Id), rules.Count(r => r.TenantId == t.Id)),
                exposed.Count(r => groupTenant[r.SecurityGroupId] == t.Id),
                audit.Count(a => a.TenantId == t.Id && a.At >= since)))
            .ToList();
        foreach (var sort in Enum.GetValues<TenantSort>())
        {
            foreach (var descending in new[] { false, true })
            {
                Func<TenantFootprint, object> key = sort switch
                {
                    TenantSort.Groups => t => t.Groups,
                    TenantSort.Rules => t => t.Rules,
                    TenantSort.Ports => t => t.Ports,
                    TenantSort.Risky => t => t.RiskyRules,
                    TenantSort.Changes => t => t.Changes,
                    _ => t => t.Name,
                };
                var ordered = sort == TenantSort.Name
                    ? (descending ? expected.OrderByDescending(t => t.Name, StringComparer.Ordinal) : expected.OrderBy(t => t.Name, StringComparer.Ordinal)).ToList()
                    : (descending ? expected.OrderByDescending(key) : expected.OrderBy(key)).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
                var read = new List<TenantFootprint>();
                for (var skip = 0; skip < expected.Count; skip += 7)
                {
                    var page = await query.ListTenantsAsync(host.Auditor, null, sort, descending, skip, 7);
                    Assert.Equal(expected.Count, page.Total);
                    read.AddRange(page.Items);
                }
                Assert.Equal(ordered, read);
            }
        }

        var found = await query.ListTenantsAsync(host.Auditor, "T-03", TenantSort.Name, false, 0, 50);
        Assert.Equal(expected.Where(t => t.Name.Contains("t-03", StringComparison.Ordinal)).OrderBy(t => t.Name, StringComparer.Ordinal), found.Items);
    }

    [Fact]
    public async Task The_figures_are_shared_until_they_expire_or_a_refresh_reads_them_again()
    {
        await SeedAsync();
        var query = NewQuery();
        // Concurrent viewers share one read; a later viewer within the window gets the same figures.
        var reads = await Task.WhenAll(query.GetAsync(host.Auditor), query.GetAsync(host.CloudAdmin));
        Assert.Same(reads[0], reads[1]);
        Assert.Equal(clock.GetUtcNow(), reads[0].AsOf);

        await using (var db = host.NewDb())
        {
            db.Tenants.Add(new Tenant { Name = "t-late" });
            await db.SaveChangesAsync();
        }
        var shared = await query.GetAsync(host.Auditor);
        Assert.Same(reads[0], shared);

        // Refresh reads now, and what it read is what the next viewer gets.
        clock.Advance(TimeSpan.FromSeconds(5));
        var fresh = await query.GetAsync(host.Auditor, fresh: true);
        Assert.Equal(reads[0].TenantCount + 1, fresh.TenantCount);
        Assert.Equal(clock.GetUtcNow(), fresh.AsOf);
        Assert.Same(fresh, await query.GetAsync(host.CloudAdmin));

        // Past FreshFor the next viewer reads again.
        clock.Advance(OperatorOverviewQuery.FreshFor);
        var later = await query.GetAsync(host.Auditor);
        Assert.NotSame(fresh, later);
        Assert.Equal(clock.GetUtcNow(), later.AsOf);
    }

    [Fact]
    public async Task Shared_figures_are_still_refused_to_who_may_not_see_them()
    {
        await SeedAsync();
        var query = NewQuery();
        await query.GetAsync(host.Auditor);
        var refused = await Assert.ThrowsAsync<NeutronException>(() => query.GetAsync(host.MemberA));
        Assert.Equal("PolicyNotAuthorized", refused.Error.Type);
    }
}
