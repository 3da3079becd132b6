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

    [Fact]
    public async Task A_group_shared_with_the_tenant_has_a_read_only_first_screen_marked_with_its_owner()
    {
        var defaultOfB = await host.Service.EnsureDefaultGroupAsync(host.MemberB, host.TenantB);
        var shared = await host.NewGroupAsync(host.MemberB, name: "theirs", startEmpty: true);
        var toOthers = await host.NewGroupAsync(host.MemberB, name: "not-for-a", startEmpty: true);
        var asExternal = await host.NewGroupAsync(host.MemberB, name: "external", startEmpty: true);
        await host.Service.CreateRuleAsync(host.MemberB, ServiceTestHost.Rule(shared.Id, "tcp", 443, "10.0.0.0/8"));
        await host.Service.CreateRuleAsync(host.MemberB, ServiceTestHost.Rule(shared.Id, "tcp", 5432, remoteGroupId: defaultOfB));
        await host.Service.CreateRuleAsync(host.MemberB, ServiceTestHost.Rule(shared.Id, "tcp", 80, direction: "egress"));
        string ownerName;
        await using (var db = host.NewDb())
        {
            ownerName = (await db.Tenants.SingleAsync(t => t.Id == host.TenantB)).Name;
            var at = DateTime.UtcNow;
            Data.Rbac.RbacPolicy Policy(string id, string target, string action = Domain.Rbac.RbacObjectTypes.AccessAsShared) => new()
            {
                TenantId = host.TenantB, ObjectType = Domain.Rbac.RbacObjectTypes.SecurityGroup, ObjectId = id, Action = action, TargetTenant = target, CreatedAt = at,
            };
            db.RbacPolicies.AddRange(Policy(shared.Id, host.TenantA), Policy(defaultOfB!, Domain.Rbac.RbacObjectTypes.Everyone),
                Policy(toOthers.Id, "tenant-c"), Policy(asExternal.Id, host.TenantA, "access_as_external"));
            await db.SaveChangesAsync();
        }
        TenantContext receiving;
        await using (var db = host.NewDb())
        {
            receiving = new TenantContext(await db.Tenants.SingleAsync(t => t.Id == host.TenantA), host.MemberA with { ReceivesShares = true });
        }

        var first = await Query.ReadAsync(receiving, shared.Id, ruleQuotaReason: null);

        Assert.NotNull(first);
        Assert.Equal((shared.Id, host.TenantB, "theirs"), (first.GroupId, first.TenantId, first.Name));
        Assert.Equal(ownerName, first.SharedBy);
        Assert.False(first.CanWrite);
        Assert.False(first.CanShare);
        Assert.False(first.IsDefault);
        Assert.Equal((2, 1), (first.IngressCount, first.EgressCount));
        Assert.Equal(2, first.Rules.Count);
        // The owner's default group is shared with everyone: in the receiving tenant's list, so named as the page names it.
        Assert.Equal("default", first.RemoteNames[defaultOfB!]);

        // Shared with everyone: served too, but it is not the receiving tenant's default group.
        var ofDefault = await Query.ReadAsync(receiving, defaultOfB!, ruleQuotaReason: null);
        Assert.NotNull(ofDefault);
        Assert.False(ofDefault.IsDefault);
        Assert.Equal(ownerName, ofDefault.SharedBy);
        // Shared with another tenant, or by another action: no first screen (the page then says it is not there).
        Assert.Null(await Query.ReadAsync(receiving, toOthers.Id, ruleQuotaReason: null));
        Assert.Null(await Query.ReadAsync(receiving, asExternal.Id, ruleQuotaReason: null));
        // The owner's own view is unchanged.
        await using (var db = host.NewDb())
        {
            var owner = new TenantContext(await db.Tenants.SingleAsync(t => t.Id == host.TenantB), host.MemberB);
            var own = await Query.ReadAsync(owner, shared.Id, ruleQuotaReason: null);
            Assert.Null(own!.SharedBy);
            Assert.True(own.CanWrite);
        }
    }
}

public sealed class GroupFirstScreenQueryTestsOnSqlite() : GroupFirstScreenQueryTests(new ServiceTestHost(Web.Hosting.DatabaseProvider.Sqlite));

public sealed class GroupFirstScreenQueryTestsOnPostgreSql() : GroupFirstScreenQueryTests(new ServiceTestHost(Web.Hosting.DatabaseProvider.PostgreSql));
