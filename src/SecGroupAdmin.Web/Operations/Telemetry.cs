using Microsoft.AspNetCore.SignalR;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SecGroupAdmin.Web.Operations;

/// <summary>
/// Metrics and traces with OpenTelemetry: ASP.NET Core (requests, Kestrel, SignalR's connections), EF Core, SignalR's
/// hub invocations and the app's own meter (<see cref="AppMetrics"/>). Exported by OTLP when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (with the other standard <c>OTEL_*</c> variables); a Prometheus scraping endpoint
/// (<c>/metrics</c>) when <c>Telemetry:Prometheus:Enabled</c> is true, off by default.
/// </summary>
public static class Telemetry
{
    public const string PrometheusPath = "/metrics";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HubOptions>(o => o.AddFilter<HubConnectionMetrics>());
        var prometheus = PrometheusEnabled(configuration);
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!otlp && !prometheus)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name : "secgroupadmin"))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
                        "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.SignalR",
                        "Microsoft.EntityFrameworkCore", AppMetrics.MeterName);
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (otlp)
        {
            telemetry
                .WithTracing(tracing => tracing
                    .AddAspNetCoreInstrumentation()
                    .AddEntityFrameworkCoreInstrumentation()
                    .AddSource("Microsoft.AspNetCore.SignalR.Server"))
                .UseOtlpExporter();
        }
        return services;
    }

    /// <summary>Maps the Prometheus scraping endpoint when enabled; without it <c>/metrics</c> is not found.</summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        if (PrometheusEnabled(app.Configuration))
        {
            app.MapPrometheusScrapingEndpoint(PrometheusPath).AllowAnonymous().DisableRateLimiting();
        }
        return app;
    }

    private static bool PrometheusEnabled(IConfiguration configuration) => configuration.GetValue("Telemetry:Prometheus:Enabled", false);
}
