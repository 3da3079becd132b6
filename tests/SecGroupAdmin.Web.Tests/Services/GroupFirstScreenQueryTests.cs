using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Web.AddressGroups;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Components.Pages.Groups;

namespace SecGroupAdmin.Web.Tests.Services;

/// <summary>
/// The group page's prerendered first screen, read in SQL at the cost of a screen (<see cref="GroupFirstScreenQuery"/>),
/// shows exactly what the page shows once it has read the whole group: the same first rows in the same order
/// (<see cref="RuleDefaultOrder"/> in SQL and in memory, ties and odd values included), the same counts, the same names.
/// </summary>
public abstract class GroupFirstScreenQueryTests(ServiceTestHost host) : IDisposable
{
    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    private GroupFirstScreenQuery Query => new(host.DbFactory, host.Tags, new AddressGroupQuery(host.DbFactory));

    private async Task<TenantContext> TenantAsync()
    {
        await using var db = host.NewDb();
        return new TenantContext(await db.Tenants.SingleAsync(t => t.Id == host.TenantA), host.MemberA);
    }

    /// <summary>The ingress rules in the order the page shows them after reading the whole group.</summary>
    private async Task<List<string>> ShownOrderAsync(string groupId)
    {
        var group = await host.Service.GetGroupAsync(host.MemberA, groupId);
        var state = new GroupPageState();
        state.Loaded([.. group.Rules.Select(r => new RuleRow(r, null))], group.RevisionNumber, null, false, []);
        return [.. state.View!.Ids.Select(id => id.ToString())];
    }

    [Fact]
    public async Task The_first_screen_is_the_first_rows_of_the_whole_groups_order_with_its_counts()
    {
        var group = await host.NewGroupAsync(startEmpty: true);
        var remote = await host.NewGroupAsync(name: "db");
        var rules = new List<string>();
        async Task AddAsync(string? protocol, int? port, string? prefix = null, int? portMax = null, string? remoteGroup = null, string ethertype = "IPv4", string direction = "ingress") =>
            rules.Add((await host.Service.CreateRuleAsync(host.MemberA,
                ServiceTestHost.Rule(group.Id, protocol, port, prefix, remoteGroup, direction, ethertype, portMax))).Id);
        // Equal keys (ties by creation), no protocol, numbers and names, no ports, ranges, IPv6, exposed rules, egress.
        for (var i = 0; i < 12; i++)
        {
            await AddAsync("tcp", 443, $"10.{i}.0.0/16");
        }
        await AddAsync(null, null, "10.9.0.0/16");
        await AddAsync(null, null); // any protocol from anywhere: exposed
        await AddAsync("udp", 53, "10.0.0.0/8");
        await AddAsync("udp", null, "10.0.0.0/8");
        await AddAsync("17", 1000, "10.0.0.0/8", portMax: 2000);
        await AddAsync("tcp", 22); // from anywhere: exposed
        await AddAsync("tcp", 22, portMax: 80, prefix: "192.0.2.0/24");
        await AddAsync("tcp", 22, "192.0.2.0/24");
        await AddAsync("tcp", 8000, remoteGroup: remote.Id);
        await AddAsync("icmp", 8, "10.0.0.0/8");
        await AddAsync("icmp", null, "10.0.0.0/8");
        await AddAsync("ipv6-icmp", null, "2001:db8::/32", ethertype: "IPv6");
        await AddAsync("tcp", 443, "2001:db8::/32", ethertype: "IPv6");
        for (var port = 30; port > 0; port--)
        {
            await AddAsync("tcp", 5000 + port, "10.1.0.0/16");
        }
        await AddAsync("tcp", 80, direction: "egress");
        await using (var db = host.NewDb())
        {
            // Values the API would not store but a database may hold: the order must still agree (bytewise text, one
            // instant for several rules: ties by id).
            await db.SecurityGroupRules.Where(r => r.Id == rules[13]).ExecuteUpdateAsync(s => s.SetProperty(r => r.Protocol, "TCP"));
            await db.SecurityGroupRules.Where(r => r.Id == rules[12]).ExecuteUpdateAsync(s => s.SetProperty(r => r.Protocol, ""));
            var instant = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            await db.SecurityGroupRules.Where(r => r.SecurityGroupId == group.Id && r.PortRangeMin == 443).ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, instant));
        }

        var shown = await ShownOrderAsync(group.Id);
        var first = await Query.ReadAsync(await TenantAsync(), group.Id, ruleQuotaReason: null);

        Assert.NotNull(first);
        Assert.True(shown.Count > GroupFirstScreen.RowCount);
        Assert.Equal(shown.Take(GroupFirstScreen.RowCount), first.Rules.Select(r => r.Id));
        Assert.Equal((shown.Count, 1, 2), (first.IngressCount, first.EgressCount, first.ExposedCount));
        Assert.False(first.IsDefault);

        // The rest of the order in SQL agrees as well (the whole tab, not only the screen).
        await using (var db = host.NewDb())
        {
            var all = await RuleDefaultOrder.Of(db.SecurityGroupRules.Where(r => r.SecurityGroupId == group.Id && r.Direction == "ingress"), Web.Api.SqlList.IsPostgres(db))
                .Select(r => r.Id).ToListAsync();
            Assert.Equal(shown, all);
        }
    }

    [Fact]
    public async Task Remote_groups_are_named_and_the_default_group_is_known()
    {
        var defaultId = await host.Service.EnsureDefaultGroupAsync(host.MemberA, host.TenantA);
        var group = await host.NewGroupAsync(startEmpty: true);
        await host.Service.CreateRuleAsync(host.MemberA, ServiceTestHost.Rule(group.Id, "tcp", 5432, remoteGroupId: defaultId));

        var first = await Query.ReadAsync(await TenantAsync(), group.Id, ruleQuotaReason: "full");
        var ofDefault = await Query.ReadAsync(await TenantAsync(), defaultId!, ruleQuotaReason: null);

        Assert.Equal("default", first!.RemoteNames[defaultId!]);
        Assert.Equal("full", first.RuleQuotaReason);
        Assert.False(first.IsDefault);
        Assert.True(ofDefault!.IsDefault);
    }

    [Fact]
    public async Task Another_tenants_group_has_no_first_screen()
    {
        var other = await host.NewGroupAsync(host.MemberB, name: "theirs");

        Assert.Null(await Query.ReadAsync(await TenantAsync(), other.Id, ruleQuotaReason: null));
    }
}

public sealed class GroupFirstScreenQueryTestsOnSqlite() : GroupFirstScreenQueryTests(new ServiceTestHost(Web.Hosting.DatabaseProvider.Sqlite));

public sealed class GroupFirstScreenQueryTestsOnPostgreSql() : GroupFirstScreenQueryTests(new ServiceTestHost(Web.Hosting.DatabaseProvider.PostgreSql));
