using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rbac;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Events;

namespace SecGroupAdmin.Web.Live;

/// <summary>
/// Tells open pages and hub clients that data changed, after the change committed (it listens to the service's
/// after-commit events only). Subscriptions are authorized on the server: a tenant's changes go only to callers
/// who may read that tenant. With a relay (Redis, for several app instances) every change goes out through the
/// relay and comes back to every instance's subscribers (the relay delivers this instance's own changes here at
/// once, Redis or not). Subscribers: the open pages (<c>LiveRefresh</c>) and the hub fan-out (<see cref="HubRelay"/>),
/// each instance to its own.
/// </summary>
public sealed class ChangeFeed : IDisposable
{
    private readonly Lock gate = new();
    private readonly IDisposable busSubscription;
    private readonly ILogger<ChangeFeed> logger;
    private readonly TimeProvider clock;
    private readonly HashSet<Task> queuedWork = [];
    private Subscription[] subscriptions = [];

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

    /// <summary>
    /// For <see cref="SharedGroupFeed"/>, which authorized the caller first (the group is shared with their tenant): the
    /// changes of one group, whichever tenant owns it.
    /// </summary>
    internal IDisposable SubscribeGroupForServer(string groupId, Func<ChangeEvent, Task> handler) => Add(null, handler, groupId);

    /// <summary>For the server's own relays, which authorize each receiver themselves: every change any instance made.</summary>
    internal IDisposable SubscribeAllForServer(Func<ChangeEvent, Task> handler) => Add(null, handler);

    public int SubscriberCount => subscriptions.Length;

    public Task PublishAsync(ChangeEvent change) => Relay is { } relay ? relay(change) : DispatchAsync(change);

    /// <summary>
    /// A subscriber that hands a change on to work of its own and returns at once (a page queues its reload on its
    /// circuit, so the writer never waits for a viewer) reports that work here; <see cref="WhenIdleAsync"/> awaits it.
    /// </summary>
    public void TrackQueuedWork(Task work)
    {
        if (work.IsCompleted)
        {
            return;
        }
        lock (gate)
        {
            queuedWork.Add(work);
        }
        _ = work.ContinueWith(done =>
        {
            lock (gate)
            {
                queuedWork.Remove(done);
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Completes once every delivery made so far has been handled, including the work subscribers queued for it
    /// (<see cref="TrackQueuedWork"/>) and any work that queued in turn; failures are the subscribers' own business.
    /// For tests and diagnostics: deterministic instead of waiting a while.
    /// </summary>
    public async Task WhenIdleAsync()
    {
        while (true)
        {
            Task[] pending;
            lock (gate)
            {
                pending = [.. queuedWork.Where(t => !t.IsCompleted)];
            }
            if (pending.Length == 0)
            {
                return;
            }
            await Task.WhenAll(pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Delivers a change to this instance's subscribers; one failing subscriber does not stop the others.</summary>
    public Task DispatchAsync(ChangeEvent change) => DeliverAsync(subscriptions, change);

    private async Task DeliverAsync(Subscription[] receivers, ChangeEvent change)
    {
        foreach (var s in receivers)
        {
            // A change under "*" (a share with every tenant) is every tenant's; a group's subscriber hears only that group.
            if ((s.TenantId is not null && s.TenantId != change.TenantId && change.TenantId != RbacObjectTypes.Everyone) ||
                (s.GroupId is not null && s.GroupId != change.GroupId && !(change.ResourceType == ResourceTypes.SecurityGroup && change.ResourceId == s.GroupId)))
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
        clock.GetUtcNow().UtcDateTime, e.Metadata?.GetValueOrDefault(ChangeEvent.SharedWithKey) as IReadOnlyList<string>);

    private Subscription Add(string? tenantId, Func<ChangeEvent, Task> handler, string? groupId = null)
    {
        var subscription = new Subscription(this, tenantId, groupId, handler);
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
        }
    }

    public void Dispose() => busSubscription.Dispose();

    private sealed class Subscription(ChangeFeed feed, string? tenantId, string? groupId, Func<ChangeEvent, Task> handler) : IDisposable
    {
        public string? TenantId { get; } = tenantId;
        public string? GroupId { get; } = groupId;
        public Func<ChangeEvent, Task> Handler { get; } = handler;

        public void Dispose() => feed.Remove(this);
    }
}
