using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;

namespace SecGroupAdmin.Web.Hosting;

/// <summary>How the app's <see cref="AppDbContext"/> is configured; one place, used by the host and by the benchmarks.</summary>
public static class AppDatabase
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(SqlitePragmaInterceptor.Instance);
}
