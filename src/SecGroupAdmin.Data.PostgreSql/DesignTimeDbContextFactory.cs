using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace SecGroupAdmin.Data.PostgreSql;

/// <summary>
/// Lets `dotnet ef migrations add NAME --project src/SecGroupAdmin.Data.PostgreSql --startup-project src/SecGroupAdmin.Data.PostgreSql`
/// build the context for PostgreSQL without a server (no connection is opened to add a migration).
/// </summary>
public class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        // The app uses Identity schema v3 (passkeys); the model built here must match it.
        var services = new ServiceCollection();
        services.Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3);
        var options = new DbContextOptionsBuilder<AppDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=secgroupadmin_design", x => x.MigrationsAssembly(PostgreSqlDatabase.MigrationsAssembly))
            .UseApplicationServiceProvider(services.BuildServiceProvider())
            .Options;
        return new AppDbContext(options);
    }
}
