using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Events;

namespace SecGroupAdmin.Web.Live;

/// <summary>
/// Tells open pages and hub clients that data changed, after the change committed (it listens to the service's
/// after-commit events only). Subscriptions are authorized on the server: a tenant's changes go only to callers
/// who may read that tenant. With a relay (Redis, for several app instances) every change goes out through the
/// relay and comes back to every instance's subscribers.
/// </summary>
public sealed class ChangeFeed : IDisposable
{
    private readonly Lock gate = new();
    private readonly IDisposable busSubscription;
    private readonly ILogger<ChangeFeed> logger;
    private readonly TimeProvider clock;
    private Subscription[] subscriptions = [];
    private Subscription[] originSubscriptions = [];

    public ChangeFeed(ResourceEventBus bus, TimeProvider clock, ILogger<ChangeFeed> logger)
    {
        this.logger = logger;
        this.clock = clock;
        busSubscription = bus.Subscribe(EventPhase.After, (e, _) => PublishAsync(FromEvent(e)));
    }

    /// <summary>When set (scale-out), changes are published here and reach subscribers through <see cref="DispatchAsync"/>.</summary>
    public Func<ChangeEvent, Task>? Relay { get; set; }

    /// <summary>Subscribes a caller to one tenant's changes, or to every tenant's (null) for CloudAdmin and Auditor.</summary>
    public IDisposable Subscribe(Caller caller, string? tenantId, Func<ChangeEvent, Task> handler)
    {
        var allowed = tenantId is null ? caller.IsCloudAdmin || caller.IsAuditor : caller.CanRead(tenantId);
        if (!allowed)
        {
            throw new NeutronException(NeutronErrors.PolicyNotAuthorized("get_security_group"));
        }
        return Add(tenantId, handler);
    }

    /// <summary>For the server's own relays, which authorize each receiver themselves: every change any instance made.</summary>
    internal IDisposable SubscribeAllForServer(Func<ChangeEvent, Task> handler) => Add(null, handler);

    /// <summary>
    /// For the hub fan-out: only the changes made on THIS instance, once each, relay or not. SignalR's own backplane
    /// (Redis, when scaled out) carries them to the hub clients of every instance; forwarding relayed changes too
    /// would deliver each one once per instance.
    /// </summary>
    internal IDisposable SubscribeOriginForServer(Func<ChangeEvent, Task> handler)
    {
        var subscription = new Subscription(this, null, handler);
        lock (gate)
        {
            originSubscriptions = [.. originSubscriptions, subscription];
        }
        return subscription;
    }

    public int SubscriberCount => subscriptions.Length;

    public async Task PublishAsync(ChangeEvent change)
    {
        await DeliverAsync(originSubscriptions, change);
        await (Relay is { } relay ? relay(change) : DispatchAsync(change));
    }

    /// <summary>Delivers a change to this instance's subscribers; one failing subscriber does not stop the others.</summary>
    public Task DispatchAsync(ChangeEvent change) => DeliverAsync(subscriptions, change);

    private async Task DeliverAsync(Subscription[] receivers, ChangeEvent change)
    {
        foreach (var s in receivers)
        {
            if (s.TenantId is not null && s.TenantId != change.TenantId)
            {
                continue;
            }
            try
            {
                await s.Handler(change);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A change subscriber failed for {ResourceType} {ResourceId}", change.ResourceType, change.ResourceId);
            }
        }
    }

    private ChangeEvent FromEvent(ResourceEvent e) => new(
        e.TenantId, e.SecurityGroupId, e.ResourceType, e.Action, e.ResourceId, e.ActorUserId, e.ActorName, e.Revision,
        clock.GetUtcNow().UtcDateTime);

    private Subscription Add(string? tenantId, Func<ChangeEvent, Task> handler)
    {
        var subscription = new Subscription(this, tenantId, handler);
        lock (gate)
        {
            subscriptions = [.. subscriptions, subscription];
        }
        return subscription;
    }

    private void Remove(Subscription subscription)
    {
        lock (gate)
        {
            subscriptions = [.. subscriptions.Where(s => s != subscription)];
            originSubscriptions = [.. originSubscriptions.Where(s => s != subscription)];
        }
    }

    public void Dispose() => busSubscription.Dispose();

    private sealed class Subscription(ChangeFeed feed, string? tenantId, Func<ChangeEvent, Task> handler) : IDisposable
    {
        public string? TenantId { get; } = tenantId;
        public Func<ChangeEvent, Task> Handler { get; } = handler;

        public void Dispose() => feed.Remove(this);
    }
}
