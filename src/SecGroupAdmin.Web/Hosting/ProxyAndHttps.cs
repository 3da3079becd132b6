using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace SecGroupAdmin.Web.Hosting;

/// <summary>
/// Deployment behind a reverse proxy and over HTTPS. <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c> are honoured only
/// from the addresses in <c>ForwardedHeaders:KnownProxies</c> (none by default: not even loopback, which ASP.NET Core
/// trusts out of the box). <c>Https:Redirect</c> (off by default) turns on HTTPS redirection and HSTS; HSTS is only
/// ever sent on HTTPS responses.
/// </summary>
public static class ProxyAndHttps
{
    public static IServiceCollection AddProxyAndHttps(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = KnownProxies(configuration);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }
        });
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    public static WebApplication UseProxyAndHttps(this WebApplication app)
    {
        if (KnownProxies(app.Configuration).Count > 0)
        {
            app.UseForwardedHeaders();
        }
        if (app.Configuration.GetValue("Https:Redirect", false))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        return app;
    }

    /// <summary><c>ForwardedHeaders:KnownProxies</c>: a list, or one string of addresses separated by commas.</summary>
    private static List<IPAddress> KnownProxies(IConfiguration configuration)
    {
        var section = configuration.GetSection("ForwardedHeaders:KnownProxies");
        var values = section.Value is { } joined
            ? joined.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value ?? "").ToArray();
        return values.Select(v => IPAddress.TryParse(v.Trim(), out var address)
                ? address
                : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{v}' is not an IP address."))
            .ToList();
    }
}
