using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecGroupAdmin.Data;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Hosting;
using SecGroupAdmin.Web.Live;

namespace SecGroupAdmin.Web.Tests.Infrastructure;

/// <summary>
/// A real SQLite database in memory for one test: one connection, opened here and kept open until Dispose
/// (the database lives as long as it does), with the app's migrations applied (never EnsureCreated).
/// Every context from <see cref="Factory"/> shares that connection.
/// The migrations run once per test process, into a template database; each test's database is a copy of it made by
/// SQLite's online backup (a few pages of schema: about a millisecond, where migrating took ~250 ms a test).
/// </summary>
public sealed class SqliteTestDatabase : IDisposable
{
    private readonly SqliteConnection connection;
    private ServiceProvider? seedServices;

    public SqliteTestDatabase()
    {
        connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Options = new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite(connection)
            .UseApplicationServiceProvider(IdentitySchemaServices)
            .Options;
        Factory = new SharedConnectionFactory(Options);
        lock (Template)
        {
            Template.Value.BackupDatabase(connection);
        }
    }

    /// <summary>The migrated database every test's database is copied from (open for the test process's lifetime).</summary>
    private static readonly Lazy<SqliteConnection> Template = new(() =>
    {
        var template = new SqliteConnection("Data Source=:memory:");
        template.Open();
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite(template)
            .UseApplicationServiceProvider(IdentitySchemaServices)
            .Options);
        db.Database.Migrate();
        return template;
    });

    /// <summary>
    /// The app uses Identity schema v3 (passkeys) and IdentityDbContext builds its model from the application's
    /// IdentityOptions, so the model matches the migrations only when that option is visible here too.
    /// </summary>
    private static readonly IServiceProvider IdentitySchemaServices = new ServiceCollection()
        .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
        .BuildServiceProvider();

    public DbContextOptions<AppDbContext> Options { get; }

    /// <summary>Hands out contexts over the one open connection, as the app's IDbContextFactory does over its file.</summary>
    public IDbContextFactory<AppDbContext> Factory { get; }

    public AppDbContext CreateDbContext() => Factory.CreateDbContext();

    /// <summary>
    /// Registers this database as the app's: <see cref="IDbContextFactory{AppDbContext}"/> (singleton) and
    /// <see cref="AppDbContext"/> (scoped, for Identity's stores), replacing earlier registrations.
    /// </summary>
    public IServiceCollection AddTo(IServiceCollection services)
    {
        services.RemoveAll<IDbContextFactory<AppDbContext>>();
        services.RemoveAll<AppDbContext>();
        services.RemoveAll<DbContextOptions<AppDbContext>>();
        services.AddSingleton(Options);
        services.AddSingleton(Factory);
        services.AddScoped(_ => Factory.CreateDbContext());
        return services;
    }

    /// <summary>
    /// The app's core (<see cref="HostingExtensions.AddSecGroupAdminCore"/>: time, Identity, services, event bus,
    /// change feed, queries) over this database, plus the scoped services a circuit gives a page
    /// (<see cref="UiCallerProvider"/>, <see cref="CircuitReconnects"/>). A test clock goes in BEFORE this call.
    /// </summary>
    public IServiceCollection AddAppCoreTo(IServiceCollection services)
    {
        services.AddSecGroupAdminCore(new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=:memory:"), new ConfigurationBuilder().Build());
        AddTo(services);
        services.AddScoped<UiCallerProvider>();
        services.AddScoped<CircuitReconnects>();
        services.AddHttpContextAccessor();
        return services;
    }

    /// <summary>
    /// Seeds people into this database through the app's own services, in a container of its own (so a bUnit
    /// context's container stays open for registrations). No passwords: hashing is slow and component tests sign in
    /// with bUnit's test authentication.
    /// </summary>
    public PeopleSeeder People
    {
        get
        {
            seedServices ??= AddAppCoreTo(new ServiceCollection()).BuildServiceProvider();
            return new PeopleSeeder(seedServices, withPassword: false);
        }
    }

    public void Dispose()
    {
        seedServices?.Dispose();
        connection.Dispose();
    }

    private sealed class SharedConnectionFactory(DbContextOptions<AppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new(options);
    }
}
