using Microsoft.AspNetCore.SignalR;

namespace SecGroupAdmin.Benchmarks;

/// <summary>Marks each hub method's start and end on the <see cref="ServerTimeline"/> (the circuit's StartCircuit, UpdateRootComponents…).</summary>
internal sealed class TimelineHubFilter(ServerTimeline timeline) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var name = invocationContext.HubMethodName;
        timeline.Mark($"hub {name} begins");
        try
        {
            return await next(invocationContext);
        }
        finally
        {
            timeline.Mark($"hub {name} ends");
        }
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        timeline.Mark("hub connected");
        return next(context);
    }
}
