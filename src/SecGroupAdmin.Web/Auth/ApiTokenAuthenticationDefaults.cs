namespace SecGroupAdmin.Web.Auth;

/// <summary>Names of the API token scheme, the cookie-or-token scheme and the claims the token scheme issues.</summary>
public static class ApiTokenAuthenticationDefaults
{
    /// <summary>The API token scheme: <c>X-Auth-Token</c>, <c>Authorization: Bearer</c>, or <c>?access_token=</c> on the hub.</summary>
    public const string Scheme = "ApiToken";

    /// <summary>A token when one is presented, else the sign-in cookie (the hub and the audit exports).</summary>
    public const string CookieOrTokenScheme = "CookieOrApiToken";

    /// <summary>Neutron's token header.</summary>
    public const string TokenHeader = "X-Auth-Token";

    /// <summary>The query parameter browsers' WebSockets carry the token in; read on <c>/hubs/</c> paths only.</summary>
    public const string QueryParameter = "access_token";

    /// <summary>The token's tenant (the caller acts there only, plus global roles).</summary>
    public const string TenantClaim = "sga:tenant_id";

    /// <summary>The token's id (never its secret).</summary>
    public const string TokenIdClaim = "sga:token_id";
}
