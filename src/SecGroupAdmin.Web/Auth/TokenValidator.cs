using SecGroupAdmin.Web.ApiTokens;
using SecGroupAdmin.Web.Keystone;

namespace SecGroupAdmin.Web.Auth;

/// <summary>
/// The one check of a presented token, whichever kind: a Keystone token (<c>sgk_…</c>, from
/// <c>POST /identity/v3/auth/tokens</c>, <see cref="KeystoneTokenService"/>) or an API token (<c>sga_…</c>,
/// <see cref="ApiTokenService"/>). The API's authentication handler, the live hub's re-checks and the Keystone
/// endpoints all go through it.
/// </summary>
public sealed class TokenValidator(ApiTokenService apiTokens, KeystoneTokenService keystoneTokens)
{
    public async Task<ValidatedToken?> ValidateAsync(string? presented, CancellationToken ct = default)
    {
        presented = presented?.Trim();
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }
        if (KeystoneTokenService.IsKeystoneToken(presented))
        {
            return await keystoneTokens.ValidateAsync(presented, ct) is { } keystone
                ? new ValidatedToken(keystone.Id, keystone.UserId, keystone.TenantId, keystone.ExpiresAt)
                : null;
        }
        var validation = await apiTokens.ValidateAsync(presented, ct);
        return validation.Token is { } token ? new ValidatedToken(token.Id, token.UserId, token.TenantId, token.ExpiresAt) : null;
    }
}
