using SecGroupAdmin.Data.ApiTokens;

namespace SecGroupAdmin.Web.ApiTokens;

/// <summary>The answer to <see cref="ApiTokenService.ValidateAsync"/>: the token row when accepted, else the reason.</summary>
public sealed record ApiTokenValidation
{
    private ApiTokenValidation(ApiToken? token, ApiTokenRefusal? refusal)
    {
        Token = token;
        Refusal = refusal;
    }

    /// <summary>The accepted token (its <see cref="ApiToken.UserId"/> and <see cref="ApiToken.TenantId"/>); null when refused.</summary>
    public ApiToken? Token { get; }

    /// <summary>Why the token was refused; null when accepted.</summary>
    public ApiTokenRefusal? Refusal { get; }

    public bool Succeeded => Token is not null;

    public static ApiTokenValidation Accepted(ApiToken token) => new(token, null);

    public static ApiTokenValidation Refused(ApiTokenRefusal refusal) => new(null, refusal);
}
