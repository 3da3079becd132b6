using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace SecGroupAdmin.Web.Invites;

/// <summary>Registers <see cref="RegistrationOptions"/> (and the invite links' lifetime) and closes self-registration when it is off.</summary>
public static class RegistrationExtensions
{
    public static IServiceCollection AddRegistration(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RegistrationOptions.Section);
        services.Configure<RegistrationOptions>(section);
        services.Configure<DataProtectionTokenProviderOptions>(o =>
            o.TokenLifespan = section.Get<RegistrationOptions>()?.InviteLinkLifetime ?? TimeSpan.FromDays(1));
        return services;
    }

    /// <summary>
    /// With self-registration off, /Account/Register (any method) and the registration form of an external login
    /// (a POST to /Account/ExternalLogin) answer 404 before any page code runs, so no user is created.
    /// </summary>
    public static IApplicationBuilder UseClosedRegistration(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var options = context.RequestServices.GetRequiredService<IOptionsMonitor<RegistrationOptions>>().CurrentValue;
            if (!options.AllowSelfRegistration && IsRegistration(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(context);
        });

    private static bool IsRegistration(HttpRequest request) =>
        request.Path.StartsWithSegments("/Account/Register", StringComparison.OrdinalIgnoreCase)
        || (HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/Account/ExternalLogin", StringComparison.OrdinalIgnoreCase));
}
