using System.Globalization;

namespace SecGroupAdmin.Web.Live;

/// <summary>
/// The live hub's access settings. <c>Hub:AccessRecheckInterval</c> (default 1 minute): how often every open
/// connection's caller is checked again. <c>Hub:AllowedOrigins</c>: origins besides the app's own from which a
/// cookie-authenticated browser may connect (an array, or one string separated by commas or spaces).
/// </summary>
public sealed record HubSettings(TimeSpan AccessRecheckInterval, IReadOnlyList<string> AllowedOrigins)
{
    public static readonly TimeSpan DefaultAccessRecheckInterval = TimeSpan.FromMinutes(1);

    public static HubSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Hub");
        var interval = DefaultAccessRecheckInterval;
        if (section["AccessRecheckInterval"] is { Length: > 0 } text)
        {
            interval = TimeSpan.Parse(text, CultureInfo.InvariantCulture);
            if (interval <= TimeSpan.Zero)
            {
                throw new InvalidOperationException("Hub:AccessRecheckInterval must be positive.");
            }
        }
        var origins = section.GetSection("AllowedOrigins").GetChildren().Select(c => c.Value ?? "").ToList();
        if (section["AllowedOrigins"] is { Length: > 0 } single)
        {
            origins.Add(single);
        }
        var allowed = origins
            .SelectMany(o => o.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(o => o.TrimEnd('/'))
            .ToList();
        return new HubSettings(interval, allowed);
    }
}
