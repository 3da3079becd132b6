using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SecGroupAdmin.Data;

namespace SecGroupAdmin.Web.Operations;

/// <summary>Healthy when the database answers and every migration of this build is applied; Unhealthy otherwise.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<AppDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database does not answer.");
            }
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("The database answers and its migrations are applied.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied.");
        }
        catch (Exception ex) when (DatabaseOutage.IsOutage(ex))
        {
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }
    }
}
