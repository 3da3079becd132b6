using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SecGroupAdmin.Web.Live;

namespace SecGroupAdmin.Web.Operations;

/// <summary>
/// <c>/alive</c> (the process answers) and <c>/health</c> (the database answers with its migrations applied, and
/// Redis when configured), as in the .NET service defaults: anonymous and not rate limited. <c>/health</c> answers
/// 200 for Healthy and Degraded (Redis down), 503 for Unhealthy, with a small JSON body naming each check.
/// </summary>
public static class HealthEndpoints
{
    public const string AlivePath = "/alive";
    public const string HealthPath = "/health";
    private const string LiveTag = "live";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddHealthEndpoints(this IServiceCollection services, IConfiguration configuration)
    {
        var checks = services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag])
            .AddCheck<DatabaseHealthCheck>("database");
        if (RedisSettings.From(configuration) is not null)
        {
            checks.AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded);
        }
        return services;
    }

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        var alive = new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag), ResponseWriter = WriteAsync };
        app.MapHealthChecks(AlivePath, alive)
            .AllowAnonymous()
            .DisableRateLimiting();
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = WriteAsync })
            .AllowAnonymous()
            .DisableRateLimiting();
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
