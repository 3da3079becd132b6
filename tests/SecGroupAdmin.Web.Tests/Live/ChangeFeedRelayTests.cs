using Microsoft.Extensions.Logging.Abstractions;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.Live;

namespace SecGroupAdmin.Web.Tests.Live;

/// <summary>How the change feed behaves with and without a relay (Redis, for several instances).</summary>
public sealed class ChangeFeedRelayTests : IDisposable
{
    private readonly ChangeFeed feed = new(new ResourceEventBus(NullLogger<ResourceEventBus>.Instance), TimeProvider.System, NullLogger<ChangeFeed>.Instance);
    private readonly List<string> log = [];

    private static ChangeEvent Change(string id) =>
        new("tenant", "group", "security_group_rule", "create", id, "user", "alice", 2, DateTime.UtcNow);

    public ChangeFeedRelayTests()
    {
        feed.SubscribeAllForServer(c => { log.Add("page " + c.ResourceId); return Task.CompletedTask; });
        feed.SubscribeAllForServer(c => { log.Add("hub " + c.ResourceId); return Task.CompletedTask; });
    }

    public void Dispose() => feed.Dispose();

    [Fact]
    public async Task Without_a_relay_a_change_reaches_the_pages_and_the_hub_fan_out_once()
    {
        await feed.PublishAsync(Change("r1"));
        Assert.Equal(["page r1", "hub r1"], log);
    }

    [Fact]
    public async Task With_a_relay_pages_and_hub_hear_only_what_the_relay_delivers_once()
    {
        var relayed = new List<ChangeEvent>();
        feed.Relay = c => { relayed.Add(c); return Task.CompletedTask; };

        await feed.PublishAsync(Change("local"));
        Assert.Empty(log);
        Assert.Equal("local", Assert.Single(relayed).ResourceId);

        // What the relay delivers (this instance's own change at once, another instance's from Redis) goes to this
        // instance's pages and hub clients, once each.
        await feed.DispatchAsync(relayed[0]);
        await feed.DispatchAsync(Change("remote"));
        Assert.Equal(["page local", "hub local", "page remote", "hub remote"], log);
    }

    [Fact]
    public async Task WhenIdleAsync_waits_for_the_work_subscribers_queued_and_what_it_queued_in_turn()
    {
        var first = new TaskCompletionSource();
        var second = new TaskCompletionSource();
        feed.TrackQueuedWork(first.Task);
        var idle = feed.WhenIdleAsync();
        Assert.False(idle.IsCompleted);

        feed.TrackQueuedWork(second.Task);
        first.SetResult();
        await Task.Yield();
        Assert.False(idle.IsCompleted);

        second.SetException(new InvalidOperationException("a page failed"));
        await idle;
        Assert.True(feed.WhenIdleAsync().IsCompletedSuccessfully);
    }
}
