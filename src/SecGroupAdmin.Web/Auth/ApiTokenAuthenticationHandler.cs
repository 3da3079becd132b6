using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace SecGroupAdmin.Web.Auth;

/// <summary>
/// Authenticates tokens: the presented secret (<see cref="FindPresentedToken"/>), an API token or a Keystone token, is
/// checked by <see cref="TokenValidator"/> and the user by <see cref="CallerFactory"/>, so whatever those refuse
/// (unknown, revoked, expired tokens, users that are gone or locked) this scheme refuses, and so do unscoped Keystone
/// tokens (no project to act in). The principal carries the
/// user id, the token's tenant and the token id; the ticket expires with the token. The built
/// <see cref="Caller"/> is kept for the request (<see cref="CallerOf"/>).
/// No token presented: no result (another scheme may answer). Challenge: a bare 401.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenValidator tokens,
    CallerFactory callers) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string CallerItem = "SecGroupAdmin.ApiTokenCaller";
    private const string BearerPrefix = "Bearer ";

    /// <summary>
    /// The token presented on the request: <c>X-Auth-Token</c>, else <c>Authorization: Bearer</c>, else (on
    /// <c>/hubs/</c> only, where browsers' WebSockets cannot send headers) <c>?access_token=</c>. Null when none.
    /// </summary>
    public static string? FindPresentedToken(HttpRequest request)
    {
        var header = request.Headers[ApiTokenAuthenticationDefaults.TokenHeader].ToString();
        if (!string.IsNullOrWhiteSpace(header))
        {
            return header;
        }
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) && authorization.Length > BearerPrefix.Length)
        {
            return authorization[BearerPrefix.Length..];
        }
        if (request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
            && request.Query[ApiTokenAuthenticationDefaults.QueryParameter].ToString() is { Length: > 0 } query)
        {
            return query;
        }
        return null;
    }

    /// <summary>True when the request presents a token (the cookie-or-token scheme then uses this scheme).</summary>
    public static bool PresentsToken(HttpContext context) => FindPresentedToken(context.Request) is not null;

    /// <summary>The caller this scheme built for the request (acting in the token's tenant); null when it did not authenticate one.</summary>
    public static Caller? CallerOf(HttpContext context) => context.Items.TryGetValue(CallerItem, out var caller) ? caller as Caller : null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = FindPresentedToken(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }
        var token = await tokens.ValidateAsync(presented, Context.RequestAborted);
        if (token is null)
        {
            return AuthenticateResult.Fail("Token refused");
        }
        if (token.TenantId is null)
        {
            return AuthenticateResult.Fail("Token refused: unscoped");
        }
        var caller = await callers.CreateAsync(token.UserId, token.TenantId, ChangeSource.API, ct: Context.RequestAborted);
        if (caller is null)
        {
            return AuthenticateResult.Fail("API token refused: no such user");
        }
        Context.Items[CallerItem] = caller;
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, caller.UserId),
                new Claim(ClaimTypes.Name, caller.UserName),
                new Claim(ApiTokenAuthenticationDefaults.TenantClaim, token.TenantId),
                new Claim(ApiTokenAuthenticationDefaults.TokenIdClaim, token.Id),
            ],
            Scheme.Name);
        var properties = new AuthenticationProperties();
        if (token.ExpiresAt is { } expiry)
        {
            properties.ExpiresUtc = new DateTimeOffset(DateTime.SpecifyKind(expiry, DateTimeKind.Utc));
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, Scheme.Name));
    }
}
