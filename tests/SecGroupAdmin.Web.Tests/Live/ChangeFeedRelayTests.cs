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
        feed.SubscribeOriginForServer(c => { log.Add("hub " + c.ResourceId); return Task.CompletedTask; });
    }

    public void Dispose() => feed.Dispose();

    [Fact]
    public async Task Without_a_relay_a_change_reaches_the_hub_fan_out_and_the_pages_once()
    {
        await feed.PublishAsync(Change("r1"));
        Assert.Equal(["hub r1", "page r1"], log);
    }

    [Fact]
    public async Task With_a_relay_pages_hear_only_what_comes_back_through_it_and_the_hub_hears_local_changes_once()
    {
        var relayed = new List<ChangeEvent>();
        feed.Relay = c => { relayed.Add(c); return Task.CompletedTask; };

        await feed.PublishAsync(Change("local"));
        Assert.Equal(["hub local"], log);
        Assert.Equal("local", Assert.Single(relayed).ResourceId);

        // What the relay delivers (this instance's change coming back, or another instance's) goes to the pages only:
        // the hub clients of every instance already got it through SignalR's backplane.
        await feed.DispatchAsync(relayed[0]);
        await feed.DispatchAsync(Change("remote"));
        Assert.Equal(["hub local", "page local", "page remote"], log);
    }
}
