using Microsoft.AspNetCore.Authorization;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Live;

/// <summary>
/// Against cross-site WebSocket hijacking: a connection authenticated by the sign-in cookie (which the browser sends
/// from any page) is allowed only from the app's own origin or one of <see cref="HubSettings.AllowedOrigins"/>.
/// Requests without an <c>Origin</c> header (not from a browser page) and token-authenticated clients (the token is
/// not sent by the browser on its own) pass.
/// </summary>
public sealed class HubOriginRequirement(IReadOnlyList<string> allowedOrigins)
    : AuthorizationHandler<HubOriginRequirement>, IAuthorizationRequirement
{
    public IReadOnlyList<string> AllowedOrigins { get; } = allowedOrigins;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, HubOriginRequirement requirement)
    {
        var http = context.Resource as HttpContext;
        var byToken = context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == ApiTokenAuthenticationDefaults.Scheme);
        if (http is not null && (byToken || IsAllowed(http.Request, requirement.AllowedOrigins)))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }

    private static bool IsAllowed(HttpRequest request, IReadOnlyList<string> allowed)
    {
        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return true;
        }
        var own = $"{request.Scheme}://{request.Host.Value}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            || allowed.Any(a => string.Equals(origin, a, StringComparison.OrdinalIgnoreCase));
    }
}
