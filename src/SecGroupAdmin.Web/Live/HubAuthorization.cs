using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Live;

/// <summary>
/// Who may open <c>/hubs/changes</c>: an authenticated caller (API token or sign-in cookie, through
/// <see cref="ApiTokenAuthenticationDefaults.CookieOrTokenScheme"/>; anonymous negotiate answers 401), and for
/// cookies only from an allowed origin (<see cref="HubOriginRequirement"/>, else 403). Also registers the
/// <see cref="HubAccessMonitor"/> that closes connections whose access ended.
/// </summary>
public static class HubAuthorization
{
    public const string PolicyName = "LiveHub";

    public static IServiceCollection AddLiveHubAccess(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = HubSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddSingleton<HubAccessMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<HubAccessMonitor>());
        if (RedisSettings.From(configuration) is not null)
        {
            services.AddSingleton<RedisAccessRelay>();
            services.AddHostedService(sp => sp.GetRequiredService<RedisAccessRelay>());
        }
        services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy => policy
            .AddAuthenticationSchemes(ApiTokenAuthenticationDefaults.CookieOrTokenScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new HubOriginRequirement(settings.AllowedOrigins)));
        return services;
    }
}
