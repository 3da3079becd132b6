using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using SecGroupAdmin.Web.Components.Shared;
using SecGroupAdmin.Web.Tests.Infrastructure;

namespace SecGroupAdmin.Web.Tests.Pages.Shared;

/// <summary>
/// What the page boundary logs: a page's real failure is an error with its stack; a JavaScript call cut off because
/// the browser left (the circuit is being disposed) is not an error of the page's and is not logged as one.
/// </summary>
public sealed class DatabaseOutageBoundaryLogTests : BunitTestContext
{
    private readonly RecordingLogger logger = new();

    public DatabaseOutageBoundaryLogTests()
    {
        // Made by the container, so disposed with it.
        Services.AddSingleton(_ => new SqliteTestDatabase());
        Services.AddSingleton(sp => sp.GetRequiredService<SqliteTestDatabase>().Factory);
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton<ILogger<DatabaseOutageBoundary>>(logger);
    }

    [Fact]
    public void A_browser_that_left_during_a_javascript_call_is_not_logged_as_an_error()
    {
        Render<DatabaseOutageBoundary>(p => p.AddChildContent<Thrower>(c => c.Add(t => t.Error, new JSDisconnectedException("gone"))));
        Assert.DoesNotContain(logger.Entries, e => e.Level >= LogLevel.Warning);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains("browser left", StringComparison.Ordinal));
    }

    [Fact]
    public void A_page_that_fails_is_logged_as_an_error_and_shows_the_error_view()
    {
        var cut = Render<DatabaseOutageBoundary>(p => p.AddChildContent<Thrower>(c => c.Add(t => t.Error, new InvalidOperationException("broken"))));
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Exception is InvalidOperationException);
        Assert.Contains("An unexpected error occurred on this page.", cut.Markup);
    }

    /// <summary>A child that throws while it initializes.</summary>
    public sealed class Thrower : ComponentBase
    {
        [Parameter] public Exception Error { get; set; } = null!;

        protected override void OnInitialized() => throw Error;
    }

    private sealed class RecordingLogger : ILogger<DatabaseOutageBoundary>
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception), exception));
    }
}
