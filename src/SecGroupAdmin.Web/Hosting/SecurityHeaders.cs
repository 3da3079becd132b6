using System.Security.Cryptography;

namespace SecGroupAdmin.Web.Hosting;

/// <summary>
/// Headers on every response (<c>X-Content-Type-Options</c>, <c>Referrer-Policy</c>, <c>Permissions-Policy</c>,
/// <c>X-Frame-Options</c>) and a Content-Security-Policy on every HTML response. Pages get a policy Blazor Server and
/// MudBlazor work under: scripts only from the app and the one inline import map (by a per-request nonce), inline
/// styles (MudBlazor sets style attributes and writes its theme as a style element), the circuit's WebSocket to the
/// app itself, no framing. The API reference at /api/docs (Scalar: inline start-up script) gets a relaxed policy.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceItem = "SecGroupAdmin.CspNonce";
    private const string DocsPath = "/api/docs";

    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), midi=(), " +
        "magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), interest-cohort=()";

    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    /// <summary>The CSP nonce of this request, for inline scripts the app writes itself (the import map).</summary>
    public static string NonceOf(HttpContext context)
    {
        if (context.Items[NonceItem] is not string nonce)
        {
            nonce = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceItem] = nonce;
        }
        return nonce;
    }

    /// <summary>The policy of an HTML page of the app.</summary>
    public static string PagePolicy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>
    /// The policy of the API reference: Scalar starts from an inline script, evaluates code, uses blob workers and
    /// loads its fonts from fonts.scalar.com. The page shows only the public OpenAPI document.
    /// </summary>
    public const string DocsPolicy =
        "default-src 'self'; " +
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self' data: https://fonts.scalar.com; " +
        "connect-src 'self'; " +
        "worker-src 'self' blob:; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                AddHeaders(context);
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    private static void AddHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = ReferrerPolicy;
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers.XFrameOptions = "DENY";
        if (context.Response.ContentType is { } type && type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
        {
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(DocsPath, StringComparison.OrdinalIgnoreCase)
                ? DocsPolicy
                : PagePolicy(NonceOf(context));
        }
    }
}
