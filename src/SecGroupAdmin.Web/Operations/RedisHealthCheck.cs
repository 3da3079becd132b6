using Microsoft.Extensions.Diagnostics.HealthChecks;
using SecGroupAdmin.Web.Live;

namespace SecGroupAdmin.Web.Operations;

/// <summary>
/// With Redis configured: Healthy while the change relay is connected and subscribed, Degraded otherwise (the
/// instance still serves pages and the API; only cross-instance notifications wait for Redis).
/// </summary>
public sealed class RedisHealthCheck(RedisChangeRelay relay) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(relay.IsRelaying
            ? HealthCheckResult.Healthy("Redis is connected.")
            : new HealthCheckResult(context.Registration.FailureStatus, "Redis is unreachable: changes reach this instance's clients only."));
}
