using System.Diagnostics;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Playwright;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.Benchmarks;

/// <summary>
/// For the ui and live suites: the REAL app (<see cref="TestAppHost"/>: Kestrel on 127.0.0.1, its own temporary
/// SQLite file) in this process, so its managed heap can be measured, and optionally Debian's Chromium
/// through Playwright, launched as the E2E fixture launches it. Bench-only host settings (never app changes):
/// logging at Warning to keep the console out of the figures, and <c>DisconnectedCircuitMaxRetained = 0</c>
/// so a closed page's circuit is freed at once instead of being kept 3 minutes for a reconnect that never comes.
/// A <see cref="CircuitHandler"/> counts open circuits so the suites can check what they measure.
/// </summary>
public sealed class BenchHost : IAsyncDisposable
{
    public const string Password = PeopleSeeder.Password;
    private const string AdminEmail = "admin@bench.test";

    private BenchHost() { }

    public TestAppHost Host { get; private set; } = null!;
    public string BaseUrl => Host.BaseUrl;
    public PeopleSeeder People => Host.People;
    public CircuitCounter Circuits { get; } = new();
    /// <summary>The server's side of a page load (SQL commands, circuit steps), when one is being recorded.</summary>
    public ServerTimeline Timeline { get; } = new();
    public IPlaywright? Playwright { get; private set; }
    public IBrowser? Browser { get; private set; }

    public IServiceProvider Services => Host.Services;
    public SecurityGroupService Service => Services.GetRequiredService<SecurityGroupService>();

    public static async Task<BenchHost> StartAsync(bool withBrowser)
    {
        var host = new BenchHost();
        try
        {
            await host.InitializeAsync(withBrowser);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    private async Task InitializeAsync(bool withBrowser)
    {
        // WebApplicationFactory finds the app's content root through MvcTestingAppManifest.json in the CURRENT
        // directory; test runners start in the output folder, "dotnet run" does not.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        Host = TestAppHost.Start(new TestAppOptions
        {
            AdminEmail = AdminEmail,
            // The load is the point here: no API rate limits.
            Settings = new Dictionary<string, string> { ["RateLimits:ApiPerAddress"] = "0", ["RateLimits:ApiPerToken"] = "0" },
            Configure = b => b
                .ConfigureLogging(l => l
                    .ClearProviders()
                    .AddSimpleConsole()
                    .AddFilter<ConsoleLoggerProvider>((_, level) => level >= LogLevel.Warning))
                .ConfigureServices(s =>
                {
                    s.AddSingleton(Circuits);
                    s.AddSingleton(Timeline);
                    s.AddScoped<CircuitHandler, CountingCircuitHandler>();
                    s.AddSingleton<TimelineHubFilter>();
                    s.Configure<HubOptions>(o => o.AddFilter<TimelineHubFilter>());
                    s.AddSingleton<IStartupFilter, TimelineRequests>();
                    s.Configure<CircuitOptions>(o => o.DisconnectedCircuitMaxRetained = 0);
                }),
        });

        if (withBrowser)
        {
            Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
                Headless = true,
                Timeout = 60_000,
                Args =
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                ],
            });
        }
    }

    /// <summary>A tenant with unlimited group and rule quotas (-1), so one group can hold thousands of rules.</summary>
    public Task<Tenant> UnlimitedTenantAsync(string name) => People.TenantAsync(name, groupQuota: -1, ruleQuota: -1);

    /// <summary>
    /// An empty group filled with <paramref name="rules"/> distinct rules through the service's bulk path (1,000 per call):
    /// three in four ingress, tcp and udp, ports 1000 and up, one /16 per rule, a description each.
    /// </summary>
    public async Task<string> GroupWithRulesAsync(Caller caller, string name, int rules)
    {
        var groupId = (await Service.CreateGroupAsync(caller, GroupCreateRequest.FromForm(name, $"{rules} rules for benchmarks", startEmpty: true))).Id;
        for (var start = 0; start < rules; start += 1_000)
        {
            var batch = Enumerable.Range(start, Math.Min(1_000, rules - start)).Select(i => RuleInput.FromForm(
                groupId, i % 4 == 3 ? "egress" : "ingress", "IPv4", i % 2 == 0 ? "tcp" : "udp", 1000 + i, 1000 + i,
                $"10.{i % 256}.{i / 256}.0/24", null, $"bench rule {i}")).ToList();
            await Service.CreateRulesAsync(caller, batch);
        }
        return groupId;
    }

    /// <summary><paramref name="count"/> empty groups (group-0001 …) through the service's bulk path, 500 per call.</summary>
    public async Task GroupsAsync(Caller caller, int count)
    {
        for (var start = 0; start < count; start += 500)
        {
            var batch = Enumerable.Range(start, Math.Min(500, count - start))
                .Select(i => GroupCreateRequest.FromForm($"group-{i + 1:D4}", $"group {i + 1} of {count}", startEmpty: true)).ToList();
            await Service.CreateGroupsAsync(caller, batch);
        }
    }

    /// <summary>Signs in once through the real form; the returned storage state (cookies) lets fresh contexts start signed in.</summary>
    public async Task<string> SignInStateAsync(string email)
    {
        await using var context = await Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("input[name='Input.Email']", email);
        await page.FillAsync("input[name='Input.Password']", Password);
        await page.ClickAsync("button[type='submit']");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login"), new() { Timeout = 30_000 });
        await WaitForInteractiveAsync(page);
        return await context.StorageStateAsync();
    }

    /// <summary>A fresh browser context (own cache, own connections) at laptop size, signed in with <paramref name="storageState"/>.</summary>
    public Task<IBrowserContext> NewContextAsync(string storageState, int width = 1366, int height = 800) =>
        Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = BaseUrl,
            StorageState = storageState,
        });

    public static Task WaitForInteractiveAsync(IPage page, int timeoutMs = 30_000) =>
        page.WaitForSelectorAsync("#app-ready[data-interactive='true']",
            new() { State = WaitForSelectorState.Attached, Timeout = timeoutMs });

    /// <summary>Waits (bounded) until exactly <paramref name="expected"/> circuits are open.</summary>
    public async Task WaitForCircuitsAsync(int expected, int timeoutMs = 30_000)
    {
        var started = Stopwatch.GetTimestamp();
        while (Circuits.Open != expected)
        {
            if (Stopwatch.GetElapsedTime(started).TotalMilliseconds > timeoutMs)
            {
                throw new TimeoutException($"expected {expected} open circuits, have {Circuits.Open}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>The managed heap after full, compacting collections (finalizers run in between).</summary>
    public static long SettledHeapBytes()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        Playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }

    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(sorted.Length * p) - 1, 0, sorted.Length - 1)];
    }

    public static bool Report(bool ok, string text)
    {
        Console.WriteLine($"{(ok ? "PASS" : "FAIL")}: {text}");
        return ok;
    }

    public static int IntOption(string[] args, string name, int fallback, int min, int max)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? Math.Clamp(v, min, max) : fallback;
    }
}

/// <summary>How many Blazor circuits are open right now.</summary>
public sealed class CircuitCounter
{
    private int open;
    public int Open => Volatile.Read(ref open);
    internal void Opened() => Interlocked.Increment(ref open);
    internal void Closed() => Interlocked.Decrement(ref open);
}

internal sealed class CountingCircuitHandler(CircuitCounter counter, ServerTimeline timeline) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        counter.Opened();
        timeline.Mark("circuit opened (its root components are rendered next)");
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        timeline.Mark("circuit connection up");
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        counter.Closed();
        return Task.CompletedTask;
    }
}
