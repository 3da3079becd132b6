using SecGroupAdmin.Domain.Errors;

namespace SecGroupAdmin.Web.Events;

/// <summary>
/// The in-process callback registry (Neutron's <c>registry.publish</c>). Before and precommit subscribers veto
/// by throwing <see cref="NeutronException"/>; after subscribers run once the commit succeeded and their
/// failures are logged, never raised.
/// </summary>
public sealed class ResourceEventBus(ILogger<ResourceEventBus> logger)
{
    private readonly Lock gate = new();
    private ImmutableSubscriptions subscriptions = new([]);

    public IDisposable Subscribe(EventPhase phase, Func<ResourceEvent, CancellationToken, Task> handler, string? resourceType = null)
    {
        var subscription = new Subscription(this, phase, resourceType, handler);
        lock (gate)
        {
            subscriptions = new ImmutableSubscriptions([.. subscriptions.Items, subscription]);
        }
        return subscription;
    }

    /// <summary>Runs before/precommit subscribers in order; the first veto propagates.</summary>
    internal async Task PublishAsync(ResourceEvent e, CancellationToken ct)
    {
        foreach (var s in subscriptions.Items)
        {
            if (s.Matches(e))
            {
                await s.Handler(e, ct);
            }
        }
    }

    /// <summary>Runs after-commit subscribers; failures are logged and swallowed.</summary>
    internal async Task PublishAfterAsync(IEnumerable<ResourceEvent> events)
    {
        foreach (var e in events)
        {
            foreach (var s in subscriptions.Items)
            {
                if (!s.Matches(e))
                {
                    continue;
                }
                try
                {
                    await s.Handler(e, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "After-commit subscriber failed for {ResourceType} {Action} {ResourceId}", e.ResourceType, e.Action, e.ResourceId);
                }
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (gate)
        {
            subscriptions = new ImmutableSubscriptions([.. subscriptions.Items.Where(s => s != subscription)]);
        }
    }

    private sealed record ImmutableSubscriptions(Subscription[] Items);

    private sealed class Subscription(ResourceEventBus bus, EventPhase phase, string? resourceType, Func<ResourceEvent, CancellationToken, Task> handler) : IDisposable
    {
        public Func<ResourceEvent, CancellationToken, Task> Handler { get; } = handler;

        public bool Matches(ResourceEvent e) => e.Phase == phase && (resourceType is null || resourceType == e.ResourceType);

        public void Dispose() => bus.Remove(this);
    }
}
