using SecGroupAdmin.Data.ApiTokens;

namespace SecGroupAdmin.Web.ApiTokens;

/// <summary>A newly issued token: the stored row and the secret, which is shown once and never stored.</summary>
public sealed record IssuedApiToken(ApiToken Token, string Secret);
