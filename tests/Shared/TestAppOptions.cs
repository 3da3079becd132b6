using Microsoft.AspNetCore.Hosting;

namespace SecGroupAdmin.Testing;

/// <summary>How <see cref="TestAppHost.Start"/> runs the app.</summary>
public sealed class TestAppOptions
{
    /// <summary>A PostgreSQL database (see <see cref="PostgresTestServer"/>); null: a temp SQLite file, deleted on dispose.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>A Redis server (<c>ConnectionStrings:Redis</c>); null: none, one instance only.</summary>
    public string? RedisConfiguration { get; init; }

    /// <summary>Instances with the same prefix on one Redis form one deployment.</summary>
    public string RedisChannelPrefix { get; init; } = "sga-e2e";

    /// <summary>True: Kestrel on 127.0.0.1 at a free port (<see cref="TestAppHost.BaseUrl"/>); false: the in-memory test server.</summary>
    public bool OverKestrel { get; init; } = true;

    /// <summary>The CloudAdmin the app bootstraps on first start.</summary>
    public string AdminEmail { get; init; } = "admin@test.example";
    public string AdminPassword { get; init; } = PeopleSeeder.Password;

    /// <summary>More configuration (e.g. <c>Seed:Demo</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Anything else on the host (logging, test-only services, content root); runs last.</summary>
    public Action<IWebHostBuilder>? Configure { get; init; }
}
