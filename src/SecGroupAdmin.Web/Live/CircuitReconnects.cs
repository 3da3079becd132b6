using Microsoft.AspNetCore.Components.Server.Circuits;

namespace SecGroupAdmin.Web.Live;

/// <summary>Per circuit: tells live pages when the browser reconnected, so they re-load instead of showing a stale view.</summary>
public sealed class CircuitReconnects : CircuitHandler
{
    private bool wasDown;

    public event Func<Task>? Reconnected;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        wasDown = true;
        return Task.CompletedTask;
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (wasDown && Reconnected is { } handlers)
        {
            wasDown = false;
            foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>())
            {
                await handler();
            }
        }
    }
}
