using Microsoft.AspNetCore.SignalR;

namespace SecGroupAdmin.Web.Live;

/// <summary>
/// Forwards every change made on this instance to the hub's tenant and group channels; the hub admitted each member
/// after checking access. With Redis configured, SignalR's Redis backplane takes them to the hub clients of every instance.
/// </summary>
public sealed class HubRelay(ChangeFeed feed, IHubContext<ChangesHub> hub) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = feed.SubscribeOriginForServer(async change =>
        {
            var channels = new List<string> { ChangesHub.TenantChannel(change.TenantId) };
            if (change.GroupId is not null)
            {
                channels.Add(ChangesHub.GroupChannel(change.GroupId));
            }
            await hub.Clients.Groups(channels).SendAsync(ChangesHub.MessageName, change);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }
}
