namespace SecGroupAdmin.Web.Auth;

/// <summary>A tenant offered in the switcher, with the user's role there (null for operators without membership).</summary>
public sealed record TenantChoice(string Id, string Name, string? Role);
