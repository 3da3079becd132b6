using Microsoft.Extensions.Logging.Abstractions;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rbac;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.Live;
using SecGroupAdmin.Web.Rbac;
using SecGroupAdmin.Web.Tests.Services;

namespace SecGroupAdmin.Web.Tests.Live;

/// <summary>
/// Sharing and the live feed, on the real services and database: a share given or taken away reaches the receiving
/// tenant's subscribers (a share with every tenant reaches every tenant's), and a receiving tenant may follow the changes of
/// a group shared with it — only while it is shared, and only that group's.
/// </summary>
public sealed class SharingLiveTests : IDisposable
{
    private readonly ServiceTestHost host = new();
    private readonly ChangeFeed feed;
    private readonly SharedGroupFeed sharedGroups;

    public SharingLiveTests()
    {
        feed = new ChangeFeed(host.Events, TimeProvider.System, NullLogger<ChangeFeed>.Instance);
        sharedGroups = new SharedGroupFeed(feed, host.DbFactory);
    }

    public void Dispose()
    {
        feed.Dispose();
        host.Dispose();
    }

    private Task<Data.Rbac.RbacPolicy> ShareAsync(string groupId, string target, Web.Auth.Caller? caller = null) =>
        host.Rbac.CreateAsync(caller ?? host.MemberA, new RbacPolicyCreateRequest
        {
            ObjectType = RbacObjectTypes.SecurityGroup,
            ObjectId = groupId,
            Action = RbacObjectTypes.AccessAsShared,
            TargetTenant = InputValue.FromString(target),
            ProjectId = caller is { IsCloudAdmin: true } ? host.TenantA : null,
        });

    [Fact]
    public async Task A_share_given_and_taken_away_reaches_the_receiving_tenant()
    {
        var web = await host.NewGroupAsync(host.MemberA, "web");
        var seenByB = new List<ChangeEvent>();
        using var _ = feed.Subscribe(host.MemberB, host.TenantB, c => { seenByB.Add(c); return Task.CompletedTask; });

        var policy = await ShareAsync(web.Id, host.TenantB);
        await host.Rbac.DeleteAsync(host.MemberA, policy.Id);
        await feed.WhenIdleAsync();

        Assert.Equal([ResourceActions.Create, ResourceActions.Delete], seenByB.Select(c => c.Action));
        Assert.All(seenByB, c => Assert.Equal(ResourceTypes.RbacPolicy, c.ResourceType));
        Assert.All(seenByB, c => Assert.Equal(web.Id, c.GroupId));
    }

    [Fact]
    public async Task A_share_with_every_tenant_reaches_every_tenants_subscribers()
    {
        var web = await host.NewGroupAsync(host.MemberA, "web");
        var seenByB = new List<ChangeEvent>();
        using var _ = feed.Subscribe(host.MemberB, host.TenantB, c => { seenByB.Add(c); return Task.CompletedTask; });

        await ShareAsync(web.Id, RbacObjectTypes.Everyone, host.CloudAdmin);

        var change = Assert.Single(seenByB);
        Assert.Equal(RbacObjectTypes.Everyone, change.TenantId);
        Assert.Equal(ResourceTypes.RbacPolicy, change.ResourceType);
    }

    [Fact]
    public async Task A_receiving_tenant_follows_a_shared_groups_changes_only_while_it_is_shared()
    {
        var web = await host.NewGroupAsync(host.MemberA, "web", startEmpty: true);
        var other = await host.NewGroupAsync(host.MemberA, "other", startEmpty: true);
        var receivingB = host.MemberB with { ReceivesShares = true };
        var refused = await Assert.ThrowsAsync<NeutronException>(() => sharedGroups.SubscribeAsync(receivingB, web.Id, _ => Task.CompletedTask));
        Assert.Equal(403, refused.Error.Status);

        await ShareAsync(web.Id, host.TenantB);
        var seen = new List<ChangeEvent>();
        using var _ = await sharedGroups.SubscribeAsync(receivingB, web.Id, c => { seen.Add(c); return Task.CompletedTask; });
        var rule = await host.Service.CreateRuleAsync(host.MemberA, ServiceTestHost.Rule(web.Id, port: 443));
        await host.Service.CreateRuleAsync(host.MemberA, ServiceTestHost.Rule(other.Id, port: 443));
        await feed.WhenIdleAsync();

        var change = Assert.Single(seen);
        Assert.Equal(ResourceTypes.SecurityGroupRule, change.ResourceType);
        Assert.Equal(rule.Id, change.ResourceId);
        Assert.Equal(host.TenantA, change.TenantId);
    }
}
