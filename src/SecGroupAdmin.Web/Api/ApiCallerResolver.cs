using SecGroupAdmin.Web.ApiTokens;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// <c>X-Auth-Token</c> → the token's user acting in the token's tenant with that membership's role (and their
/// global roles). Missing, unknown, revoked or expired tokens give no caller (401).
/// </summary>
public sealed class ApiCallerResolver(ApiTokenService tokens, CallerFactory callers)
{
    public const string TokenHeader = "X-Auth-Token";

    public async Task<Caller?> ResolveAsync(HttpContext context, string requestId)
    {
        var presented = context.Request.Headers[TokenHeader].ToString();
        var validation = await tokens.ValidateAsync(string.IsNullOrEmpty(presented) ? null : presented, context.RequestAborted);
        if (!validation.Succeeded)
        {
            return null;
        }
        var token = validation.Token!;
        return await callers.CreateAsync(token.UserId, token.TenantId, ChangeSource.API, requestId, context.RequestAborted);
    }
}
