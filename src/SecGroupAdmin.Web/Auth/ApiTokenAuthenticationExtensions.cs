using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace SecGroupAdmin.Web.Auth;

/// <summary>Registers the API token scheme and the cookie-or-token policy scheme next to Identity's cookies.</summary>
public static class ApiTokenAuthenticationExtensions
{
    public static AuthenticationBuilder AddApiTokens(this AuthenticationBuilder builder)
    {
        builder.AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationDefaults.Scheme, null);
        builder.AddPolicyScheme(ApiTokenAuthenticationDefaults.CookieOrTokenScheme, displayName: null, options =>
        {
            // A presented token decides alone (a bad token with a good cookie is refused); otherwise the cookie.
            options.ForwardDefaultSelector = context => ApiTokenAuthenticationHandler.PresentsToken(context)
                ? ApiTokenAuthenticationDefaults.Scheme
                : IdentityConstants.ApplicationScheme;
            // Answer 401/403 rather than the cookie's redirect to the sign-in page: these are programmatic endpoints.
            options.ForwardChallenge = ApiTokenAuthenticationDefaults.Scheme;
            options.ForwardForbid = ApiTokenAuthenticationDefaults.Scheme;
        });
        return builder;
    }
}
