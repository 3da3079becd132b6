using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Components.Live;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.Live;

namespace SecGroupAdmin.Web.Tests.Live;

public class LiveRefreshTests : BunitTestContext
{
    private const string TenantA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string TenantB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    private readonly ChangeFeed feed;

    public LiveRefreshTests()
    {
        feed = new ChangeFeed(new ResourceEventBus(NullLogger<ResourceEventBus>.Instance), TimeProvider.System, NullLogger<ChangeFeed>.Instance);
        Services.AddSingleton(feed);
        Services.AddSingleton<Infrastructure.SqliteTestDatabase>();
        Services.AddSingleton(sp => new SharedGroupFeed(feed, sp.GetRequiredService<Infrastructure.SqliteTestDatabase>().Factory));
        Services.AddSingleton(sp => new SharedAddressGroupFeed(feed, sp.GetRequiredService<Infrastructure.SqliteTestDatabase>().Factory));
        Services.AddScoped<CircuitReconnects>();
    }

    private static Caller Member(string tenant, string user = "viewer") => new(user, user + "@test", tenant, "member", false, false, ChangeSource.UI);

    private static ChangeEvent Change(string tenant, string actor = "alice", string? group = "g1") =>
        new(tenant, group, "security_group_rule", "create", "r1", actor, actor + "@test", 7, DateTime.UtcNow);

    [Fact]
    public async Task A_change_in_the_watched_tenant_calls_back_and_another_tenants_does_not()
    {
        var seen = new List<ChangeEvent?>();
        var cut = Render<LiveRefresh>(p => p
            .Add(x => x.Caller, Member(TenantA))
            .Add(x => x.TenantId, TenantA)
            .Add(x => x.Announce, false)
            .Add(x => x.OnChange, (ChangeEvent? e) => seen.Add(e)));

        await feed.DispatchAsync(Change(TenantB));
        Assert.Empty(seen);

        await feed.DispatchAsync(Change(TenantA));
        cut.WaitForAssertion(() => Assert.Single(seen));
        Assert.Equal(TenantA, seen[0]!.TenantId);
        Assert.Equal(7, seen[0]!.Revision);
    }

    [Fact]
    public async Task A_group_filter_ignores_other_groups_rule_changes()
    {
        var seen = new List<ChangeEvent?>();
        var cut = Render<LiveRefresh>(p => p
            .Add(x => x.Caller, Member(TenantA))
            .Add(x => x.TenantId, TenantA)
            .Add(x => x.GroupId, "g1")
            .Add(x => x.Announce, false)
            .Add(x => x.OnChange, (ChangeEvent? e) => seen.Add(e)));

        await feed.DispatchAsync(Change(TenantA, group: "g2"));
        Assert.Empty(seen);
        await feed.DispatchAsync(Change(TenantA, group: "g1"));
        cut.WaitForAssertion(() => Assert.Single(seen));
    }

    [Fact]
    public void Subscribing_to_a_tenant_the_caller_cannot_read_is_refused_on_the_server()
    {
        var ex = Assert.Throws<NeutronException>(() => feed.Subscribe(Member(TenantB), TenantA, _ => Task.CompletedTask));
        Assert.Equal(403, ex.Error.Status);
        Assert.Throws<NeutronException>(() => feed.Subscribe(Member(TenantA), null, _ => Task.CompletedTask));
        using var operatorSubscription = feed.Subscribe(new Caller("op", "op@test", "", null, false, true, ChangeSource.UI), null, _ => Task.CompletedTask);
        Assert.Equal(1, feed.SubscriberCount);
    }

    [Fact]
    public async Task Disposing_the_page_ends_its_subscription()
    {
        var cut = Render<LiveRefresh>(p => p.Add(x => x.Caller, Member(TenantA)).Add(x => x.TenantId, TenantA));
        Assert.Equal(1, feed.SubscriberCount);
        await DisposeComponentsAsync();
        Assert.Equal(0, feed.SubscriberCount);
    }

    [Fact]
    public async Task Other_peoples_changes_are_announced_but_not_ones_own()
    {
        var provider = Render<MudBlazor.MudSnackbarProvider>();
        var cut = Render<LiveRefresh>(p => p.Add(x => x.Caller, Member(TenantA, "viewer")).Add(x => x.TenantId, TenantA));

        await feed.DispatchAsync(Change(TenantA, actor: "viewer"));
        await feed.DispatchAsync(Change(TenantA, actor: "alice"));
        provider.WaitForAssertion(() => Assert.Contains("alice@test added a rule", provider.Markup));
        Assert.DoesNotContain("viewer@test added a rule", provider.Markup);
    }
}
