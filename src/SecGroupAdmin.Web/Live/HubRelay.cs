using Microsoft.AspNetCore.SignalR;

namespace SecGroupAdmin.Web.Live;

/// <summary>
/// Forwards every change this instance's <see cref="ChangeFeed"/> delivers to the hub's tenant and group channels of
/// THIS instance's connections (SignalR's default, in-process lifetime manager); the hub admitted each member after
/// checking access. With several instances each one hears every change once through <see cref="RedisChangeRelay"/>
/// (its own at once, the others' through Redis) and tells its own hub clients, so a hub client gets each change
/// once, and the changes made on its instance even while Redis is down. (No SignalR Redis backplane: it would drop
/// this instance's own messages during a Redis outage, and deliver relayed changes twice.)
/// </summary>
public sealed class HubRelay(ChangeFeed feed, IHubContext<ChangesHub> hub) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = feed.SubscribeAllForServer(async change =>
        {
            var channels = new List<string> { ChangesHub.TenantChannel(change.TenantId) };
            if (change.GroupId is not null)
            {
                channels.Add(ChangesHub.GroupChannel(change.GroupId));
            }
            // Who an object was shared with is for the server's feeds, not for the owner tenant's channel.
            await hub.Clients.Groups(channels).SendAsync(ChangesHub.MessageName, change with { SharedWith = null });
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }
}
