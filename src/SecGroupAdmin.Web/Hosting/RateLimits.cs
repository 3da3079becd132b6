using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Api;

using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Keystone;

namespace SecGroupAdmin.Web.Hosting;

/// <summary>
/// ASP.NET Core rate limiting for the two ways to prove who one is: password sign-in (the POST of the sign-in form,
/// a Blazor SSR page, picked by path and method) and API tokens (any request carrying one, and every /v2.0 request).
/// Each is limited per client address and per account (the posted email; the token). Keystone's password and
/// application-credential sign-ins count only when they fail (<see cref="SignInFailureLimiter"/>): every
/// <c>openstack</c> command signs in anew. Refusals are 429 with
/// <c>Retry-After</c>, a NeutronError under /v2.0. Everything else (pages, static files, health) is not limited.
/// </summary>
public static class RateLimits
{
    public const string SignInPath = "/Account/Login";

    /// <summary>The NeutronError type of a 429 (webob's name for the status, as Neutron would show it).</summary>
    private const string TooManyRequestsType = "HTTPTooManyRequests";

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = OnRejectedAsync;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => PerAddress(context, settings)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => PerAccount(context, settings)));
        });
        return services;
    }

    /// <summary>
    /// The limiter's partitions are chosen synchronously; this reads the sign-in form first (asynchronously; the
    /// form is cached for the page) so that the per-account partition can name the posted email.
    /// </summary>
    public static WebApplication UseRateLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (IsSignInPost(context) && context.Request.HasFormContentType)
            {
                await context.Request.ReadFormAsync(context.RequestAborted);
            }
            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    private static bool IsSignInPost(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.Request.Path.Equals(SignInPath, StringComparison.OrdinalIgnoreCase);

    private static bool IsApi(HttpContext context) => ApiPaths.IsJsonApi(context.Request.Path);

    private static RateLimitPartition<string> PerAddress(HttpContext context, RateLimitSettings settings)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (IsSignInPost(context))
        {
            return Window("sign-in-address:" + address, settings.SignInPerAddress, settings.SignInWindowSeconds);
        }
        if (IsApi(context) || TokenOf(context) is not null)
        {
            return Window("api-address:" + address, settings.ApiPerAddress, settings.ApiWindowSeconds);
        }
        return RateLimitPartition.GetNoLimiter("");
    }

    private static RateLimitPartition<string> PerAccount(HttpContext context, RateLimitSettings settings)
    {
        if (IsSignInPost(context))
        {
            var email = context.Request.HasFormContentType ? context.Request.Form["Input.Email"].ToString() : "";
            return email.Length == 0
                ? RateLimitPartition.GetNoLimiter("")
                : Window("sign-in-account:" + email.Trim().ToUpperInvariant(), settings.SignInPerAccount, settings.SignInWindowSeconds);
        }
        if (TokenOf(context) is { } token)
        {
            // The partition key is kept in memory: a hash, not the secret itself.
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
            return Window("api-token:" + hash, settings.ApiPerToken, settings.ApiWindowSeconds);
        }
        return RateLimitPartition.GetNoLimiter("");
    }

    private static string? TokenOf(HttpContext context) => ApiTokenAuthenticationHandler.FindPresentedToken(context.Request);

    private static RateLimitPartition<string> Window(string key, int permits, int windowSeconds) =>
        permits <= 0
            ? RateLimitPartition.GetNoLimiter(key)
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromSeconds(Math.Max(1, windowSeconds)),
                QueueLimit = 0,
            });

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits))
            .LogInformation("Rate limit: refused {Method} {Path} from {Address}", context.Request.Method, context.Request.Path, context.Connection.RemoteIpAddress);
        if (IsApi(context))
        {
            await NeutronResults.Error(new NeutronError(
                    TooManyRequestsType,
                    $"Too many requests: try again in {seconds} seconds.",
                    StatusCodes.Status429TooManyRequests))
                .ExecuteAsync(context);
            return;
        }
        if (context.Request.Path.StartsWithSegments(KeystoneEndpoints.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            await KeystoneEndpoints.TooManyRequests(seconds).ExecuteAsync(context);
            return;
        }
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync($"Too many requests: try again in {seconds} seconds.", cancellationToken);
    }
}
