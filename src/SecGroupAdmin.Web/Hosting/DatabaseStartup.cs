using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;

namespace SecGroupAdmin.Web.Hosting;

/// <summary>Applies migrations at start-up (never EnsureCreated, SQLite or PostgreSQL), switches SQLite to WAL, bootstraps the first admin.</summary>
public static class DatabaseStartup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await MigrateAsync(factory);

        // Several instances may start at once on one PostgreSQL database: one at a time creates the first admin
        // and the demo data (EF Core's migrator already takes its own lock for the migrations).
        await using var startupLock = await factory.CreateDbContextAsync();
        if (startupLock.Database.IsNpgsql())
        {
            await startupLock.Database.OpenConnectionAsync();
            await startupLock.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({StartupLockKey})");
        }

        await using var scope = app.Services.CreateAsyncScope();
        var bootstrap = ActivatorUtilities.CreateInstance<AdminBootstrap>(scope.ServiceProvider);
        await bootstrap.EnsureAdminAsync();

        var config = app.Configuration;
        if (config.GetValue<bool>("Seed:Demo"))
        {
            await ActivatorUtilities.CreateInstance<DemoSeed>(scope.ServiceProvider).SeedAsync();
        }

        if (startupLock.Database.IsNpgsql())
        {
            await startupLock.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({StartupLockKey})");
            await startupLock.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Session advisory lock held on PostgreSQL while one instance bootstraps the admin and the demo data.</summary>
    public const long StartupLockKey = 0x5347_4144_4D32; // "SGADM2"

    /// <summary>The same, with the app's context factory from <paramref name="services"/> (the admin verbs never open a context themselves).</summary>
    public static Task MigrateAsync(IServiceProvider services, CancellationToken ct = default) =>
        MigrateAsync(services.GetRequiredService<IDbContextFactory<AppDbContext>>(), ct);

    /// <summary>Applies pending migrations and switches SQLite to WAL; shared by the app and the admin verbs.</summary>
    public static async Task MigrateAsync(IDbContextFactory<AppDbContext> factory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
        await SecurityGroups.RuleExposureBackfill.RunAsync(factory, ct);
        if (db.Database.IsSqlite())
        {
            await UpdatePlannerStatisticsAsync(db, ct);
        }
    }

    /// <summary>
    /// SQLite plans from the statistics ANALYZE stores (sqlite_stat1); without them it guesses, and at a million rows a
    /// guess can walk the wrong index (the overview's changes per tenant took 1.1 s instead of 0.1 s). A database never
    /// analyzed is analyzed once, by sampling (analysis_limit: about a second at 2,000,000 rows); after that
    /// <c>PRAGMA optimize</c> re-analyzes only the tables that changed a lot.
    /// </summary>
    private static async Task UpdatePlannerStatisticsAsync(AppDbContext db, CancellationToken ct)
    {
        var analyzed = await db.Database.SqlQueryRaw<int>(
            "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'").SingleAsync(ct) > 0;
        await db.Database.ExecuteSqlRawAsync(analyzed ? "PRAGMA analysis_limit=1000; PRAGMA optimize;" : "PRAGMA analysis_limit=1000; ANALYZE;", ct);
    }
}
