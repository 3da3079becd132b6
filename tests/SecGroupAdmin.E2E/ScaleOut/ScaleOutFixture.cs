using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using SecGroupAdmin.Data;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.Components;

namespace SecGroupAdmin.E2E.ScaleOut;

/// <summary>One app instance (<see cref="TestAppHost"/>) on Kestrel (127.0.0.1, its own port) over PostgreSQL, optionally with Redis.</summary>
public sealed class AppInstance : IAsyncDisposable
{
    private AppInstance(TestAppHost host)
    {
        Host = host;
    }

    public TestAppHost Host { get; }
    public WebApplicationFactory<App> Factory => Host.Factory;
    public string BaseUrl => Host.BaseUrl;
    public PeopleSeeder People => Host.People;

    public Task<AppDbContext> DbAsync() => Host.DbAsync();

    /// <summary>Starts the real app (migrations and admin bootstrap included) and returns once it serves.</summary>
    public static AppInstance Start(string postgresConnectionString, string? redisConfiguration, string? channelPrefix = null) =>
        new(TestAppHost.Start(new TestAppOptions
        {
            PostgresConnectionString = postgresConnectionString,
            RedisConfiguration = redisConfiguration,
            RedisChannelPrefix = channelPrefix ?? "sga-e2e",
            AdminEmail = AppFixture.AdminEmail,
            AdminPassword = AppFixture.AdminPassword,
        }));

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}

/// <summary>
/// A REAL PostgreSQL and a REAL redis-server (Debian's packages, installed with apt-get when missing; temp folders,
/// free ports on 127.0.0.1), and TWO app instances on them: same database, same Redis, different ports.
/// Both instances use one Redis channel prefix, so they form one deployment. Also Debian's Chromium for the pages.
/// Everything is stopped and deleted on dispose.
/// </summary>
public sealed class ScaleOutFixture : IAsyncLifetime
{
    public PostgresTestServer Postgres { get; private set; } = null!;
    public RedisTestServer Redis { get; private set; } = null!;
    public string DatabaseConnectionString { get; private set; } = "";
    public AppInstance A { get; private set; } = null!;
    public AppInstance B { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            // xUnit does not dispose a fixture whose start failed: stop what did start.
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        var postgres = PostgresTestServer.StartAsync();
        var redis = RedisTestServer.StartAsync();
        try
        {
            Postgres = await postgres;
        }
        finally
        {
            Redis = await redis;
        }
        DatabaseConnectionString = await Postgres.CreateDatabaseAsync("secgroupadmin_scaleout");

        // One channel prefix for both: the same deployment.
        var prefix = "sga-e2e-" + Guid.NewGuid().ToString("N")[..8];
        A = AppInstance.Start(DatabaseConnectionString, Redis.Configuration, prefix);
        B = AppInstance.Start(DatabaseConnectionString, Redis.Configuration, prefix);

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh page whose relative URLs go to <paramref name="instance"/>.</summary>
    public async Task<IPage> NewPageAsync(AppInstance instance)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1366, Height = 800 },
            BaseURL = instance.BaseUrl,
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        Playwright?.Dispose();
        if (B is not null)
        {
            await B.DisposeAsync();
        }
        if (A is not null)
        {
            await A.DisposeAsync();
        }
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public class ScaleOutCollection : ICollectionFixture<ScaleOutFixture>
{
    public const string Name = "scale-out";
}
