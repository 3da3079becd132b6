using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;

namespace SecGroupAdmin.Web.Hosting;

/// <summary>Applies migrations at start-up (never EnsureCreated), switches SQLite to WAL, bootstraps the first admin.</summary>
public static class DatabaseStartup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
        }

        await using var scope = app.Services.CreateAsyncScope();
        var bootstrap = ActivatorUtilities.CreateInstance<AdminBootstrap>(scope.ServiceProvider);
        await bootstrap.EnsureAdminAsync();
    }
}
