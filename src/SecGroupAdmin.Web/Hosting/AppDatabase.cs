using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.PostgreSql;

namespace SecGroupAdmin.Web.Hosting;

/// <summary>The database engines the app runs on (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file (the default): one app instance.</summary>
    Sqlite,
    /// <summary>A PostgreSQL server: one or several app instances.</summary>
    PostgreSql,
}

/// <summary>Which engine and which connection string (see <see cref="DatabaseLocation.Resolve"/>).</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString);

/// <summary>How the app's <see cref="AppDbContext"/> is configured; one place, used by the host, the tests and the benchmarks.</summary>
public static class AppDatabase
{
    /// <summary>SQLite, with the per-connection pragmas (WAL-friendly synchronous mode, busy timeout).</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(SqlitePragmaInterceptor.Instance);

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseSettings settings) =>
        settings.Provider switch
        {
            DatabaseProvider.PostgreSql => ConfigurePostgreSql(options, settings.ConnectionString),
            _ => Configure(options, settings.ConnectionString),
        };

    /// <summary>
    /// Registers the app's database: a pooled <see cref="IDbContextFactory{AppDbContext}"/> (singleton; a pooled
    /// context skips building its internal services per operation, which is most of EF's fixed cost) and
    /// <see cref="AppDbContext"/> as scoped, from that pool, for Identity's stores.
    /// </summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddPooledDbContextFactory<AppDbContext>(options => Configure(options, settings));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        return services;
    }

    /// <summary>PostgreSQL, with its own migrations (assembly SecGroupAdmin.Data.PostgreSql).</summary>
    public static DbContextOptionsBuilder ConfigurePostgreSql(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, x => x.MigrationsAssembly(PostgreSqlDatabase.MigrationsAssembly));
}
