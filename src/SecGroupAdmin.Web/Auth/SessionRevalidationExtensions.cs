using Microsoft.AspNetCore.Identity;

namespace SecGroupAdmin.Web.Auth;

/// <summary>Registers <see cref="SessionRevalidationOptions"/> and applies it to Identity's cookie security stamp validator.</summary>
public static class SessionRevalidationExtensions
{
    public static IServiceCollection AddSessionRevalidation(this IServiceCollection services, IConfiguration configuration)
    {
        var configured = configuration[SessionRevalidationOptions.ConfigurationKey];
        var interval = string.IsNullOrWhiteSpace(configured)
            ? SessionRevalidationOptions.DefaultInterval
            : TimeSpan.Parse(configured, System.Globalization.CultureInfo.InvariantCulture);
        if (interval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{SessionRevalidationOptions.ConfigurationKey} must be a positive TimeSpan, not '{configured}'.");
        }
        services.Configure<SessionRevalidationOptions>(o => o.Interval = interval);
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = interval);
        return services;
    }
}
