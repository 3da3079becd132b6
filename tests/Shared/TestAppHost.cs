using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Data;
using SecGroupAdmin.Web.Components;

namespace SecGroupAdmin.Testing;

/// <summary>
/// The real app (Program: migrations, admin bootstrap, the whole pipeline) in this process, over a temp SQLite file
/// or a PostgreSQL database, optionally with Redis, on Kestrel at 127.0.0.1 and a free port or on the in-memory test
/// server (<see cref="TestAppOptions"/>). Disposing stops it and deletes the SQLite file.
/// The factory is keyed on <see cref="App"/>: any class of the Web assembly names its entry point, and "Program"
/// would be the benchmarks' own.
/// </summary>
public sealed class TestAppHost : IAsyncDisposable
{
    private readonly string? sqlitePath;

    private TestAppHost(WebApplicationFactory<App> factory, string baseUrl, string? sqlitePath)
    {
        Factory = factory;
        BaseUrl = baseUrl;
        this.sqlitePath = sqlitePath;
        People = new PeopleSeeder(factory.Services);
    }

    public WebApplicationFactory<App> Factory { get; }

    /// <summary>http://127.0.0.1:port over Kestrel; "" on the in-memory test server (use <c>Factory.CreateClient</c>).</summary>
    public string BaseUrl { get; }

    public IServiceProvider Services => Factory.Services;

    /// <summary>The temp SQLite file (null on PostgreSQL).</summary>
    public string? DatabasePath => sqlitePath;

    /// <summary>Seeds tenants, people and tokens through this app's services.</summary>
    public PeopleSeeder People { get; }

    public Task<AppDbContext> DbAsync() =>
        Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    /// <summary>Starts the app and returns once it serves.</summary>
    public static TestAppHost Start(TestAppOptions? options = null)
    {
        options ??= new TestAppOptions();
        var sqlitePath = options.PostgresConnectionString is null
            ? Path.Combine(Path.GetTempPath(), $"secgroupadmin-test-{Guid.NewGuid():N}.db")
            : null;
        var factory = new WebApplicationFactory<App>().WithWebHostBuilder(b =>
        {
            if (options.PostgresConnectionString is { } postgres)
            {
                b.UseSetting("Database:Provider", "PostgreSql");
                b.UseSetting("ConnectionStrings:Default", postgres);
            }
            else
            {
                b.UseSetting("ConnectionStrings:Default", $"Data Source={sqlitePath}");
            }
            if (options.RedisConfiguration is { } redis)
            {
                b.UseSetting("ConnectionStrings:Redis", redis);
                b.UseSetting("Redis:ChannelPrefix", options.RedisChannelPrefix);
            }
            b.UseSetting("Bootstrap:AdminEmail", options.AdminEmail);
            b.UseSetting("Bootstrap:AdminPassword", options.AdminPassword);
            foreach (var (key, value) in options.Settings)
            {
                b.UseSetting(key, value);
            }
            options.Configure?.Invoke(b);
        });
        var baseUrl = "";
        try
        {
            if (options.OverKestrel)
            {
                var port = FreePort.Next();
                factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
                factory.StartServer();
                baseUrl = $"http://127.0.0.1:{port}";
            }
            else
            {
                _ = factory.Server;
            }
        }
        catch
        {
            factory.Dispose();
            DeleteSqlite(sqlitePath);
            throw;
        }
        return new TestAppHost(factory, baseUrl, sqlitePath);
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        DeleteSqlite(sqlitePath);
    }

    private static void DeleteSqlite(string? path)
    {
        if (path is null)
        {
            return;
        }
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try { File.Delete(path + suffix); } catch (IOException) { }
        }
    }
}
