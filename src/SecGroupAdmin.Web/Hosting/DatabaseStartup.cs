using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;

namespace SecGroupAdmin.Web.Hosting;

/// <summary>Applies migrations at start-up (never EnsureCreated), switches SQLite to WAL, bootstraps the first admin.</summary>
public static class DatabaseStartup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await MigrateAsync(app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>());

        await using var scope = app.Services.CreateAsyncScope();
        var bootstrap = ActivatorUtilities.CreateInstance<AdminBootstrap>(scope.ServiceProvider);
        await bootstrap.EnsureAdminAsync();

        var config = app.Configuration;
        if (config.GetValue<bool>("Seed:Demo") || Environment.GetCommandLineArgs().Contains("--seed-demo"))
        {
            await ActivatorUtilities.CreateInstance<DemoSeed>(scope.ServiceProvider).SeedAsync();
        }
    }

    /// <summary>Applies pending migrations and switches SQLite to WAL; shared by the app and the admin verbs.</summary>
    public static async Task MigrateAsync(IDbContextFactory<AppDbContext> factory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}
