using Bunit;
using MudBlazor.Services;

namespace SecGroupAdmin.Web.Tests;

/// <summary>
/// Base for component tests: MudBlazor services with loose JS interop. xunit v2 only calls Dispose(), and
/// MudBlazor registers IAsyncDisposable-only services, so disposal goes through IAsyncLifetime.
/// </summary>
public abstract class BunitTestContext : BunitContext, IAsyncLifetime
{
    protected BunitTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
