using Microsoft.Data.Sqlite;

namespace SecGroupAdmin.Web.Hosting;

/// <summary>
/// Reads <c>Database:Provider</c> (<c>Sqlite</c>, the default, or <c>PostgreSql</c>) and <c>ConnectionStrings:Default</c>.
/// A relative SQLite file is placed under the app's content root (so <c>dotnet run</c> from any folder uses the same
/// database) and its folder is created. A PostgreSQL connection string is used as given (Npgsql's syntax).
/// </summary>
public static class DatabaseLocation
{
    public const string DefaultConnectionString = "Data Source=App_Data/secgroupadmin.db";
    public const string ProviderKey = "Database:Provider";

    public static DatabaseSettings Resolve(IConfiguration configuration, string contentRoot)
    {
        var provider = ResolveProvider(configuration);
        if (provider == DatabaseProvider.PostgreSql)
        {
            var configured = configuration.GetConnectionString("Default");
            if (string.IsNullOrWhiteSpace(configured))
            {
                throw new InvalidOperationException(
                    "Database:Provider is PostgreSql but ConnectionStrings:Default is not set " +
                    "(e.g. ConnectionStrings__Default='Host=db;Database=secgroupadmin;Username=app;Password=...').");
            }
            return new DatabaseSettings(provider, configured);
        }
        return new DatabaseSettings(provider, ResolveConnectionString(configuration, contentRoot));
    }

    public static DatabaseProvider ResolveProvider(IConfiguration configuration)
    {
        var value = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }
        return value.Trim().ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgresql" or "postgres" or "npgsql" => DatabaseProvider.PostgreSql,
            _ => throw new InvalidOperationException($"Unknown {ProviderKey} '{value}': use Sqlite or PostgreSql."),
        };
    }

    /// <summary>The SQLite connection string.</summary>
    public static string ResolveConnectionString(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration.GetConnectionString("Default");
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured);
        var source = builder.DataSource;
        var inMemory = source == ":memory:" || builder.Mode == SqliteOpenMode.Memory;
        if (!inMemory && !string.IsNullOrEmpty(source))
        {
            if (!Path.IsPathRooted(source))
            {
                source = Path.GetFullPath(Path.Combine(contentRoot, source));
                builder.DataSource = source;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(source)!);
        }
        return builder.ToString();
    }
}
