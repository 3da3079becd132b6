using Microsoft.AspNetCore.SignalR;

namespace SecGroupAdmin.Web.Operations;

/// <summary>Counts open hub connections for <see cref="AppMetrics"/>, without touching the hubs themselves.</summary>
public sealed class HubConnectionMetrics : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        AppMetrics.HubConnected();
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        AppMetrics.HubDisconnected();
        await next(context, exception);
    }
}
