namespace SecGroupAdmin.Web.Auth;

/// <summary>
/// The first tenants a user may open, by name (<see cref="UiCallerProvider.TenantChoicesAsync"/>); <see cref="More"/>
/// when there are others past them (an operator of a large cloud), so a page offers a search instead of a list of all.
/// </summary>
public sealed record TenantChoices(IReadOnlyList<TenantChoice> Items, bool More);
