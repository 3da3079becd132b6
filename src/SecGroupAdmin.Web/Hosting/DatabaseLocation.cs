using Microsoft.Data.Sqlite;

namespace SecGroupAdmin.Web.Hosting;

/// <summary>
/// Reads <c>ConnectionStrings:Default</c>. A relative SQLite file is placed under the app's content root
/// (so <c>dotnet run</c> from any folder uses the same database) and its folder is created.
/// </summary>
public static class DatabaseLocation
{
    public const string DefaultConnectionString = "Data Source=App_Data/secgroupadmin.db";

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
