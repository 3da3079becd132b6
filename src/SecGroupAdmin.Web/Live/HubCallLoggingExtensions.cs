using Microsoft.AspNetCore.SignalR;

namespace SecGroupAdmin.Web.Live;

/// <summary>Registers <see cref="HubCallLogging"/> for every hub.</summary>
public static class HubCallLoggingExtensions
{
    /// <summary>
    /// Adds the <see cref="HubCallLogging"/> filter to every hub and silences SignalR's dispatcher category, which would
    /// log each refused join as an error with a stack trace.
    /// </summary>
    public static IServiceCollection AddHubCallLogging(this IServiceCollection services)
    {
        services.Configure<HubOptions>(options => options.AddFilter<HubCallLogging>());
        services.AddLogging(logging => logging.AddFilter(HubCallLogging.DispatcherCategory, LogLevel.None));
        return services;
    }
}
