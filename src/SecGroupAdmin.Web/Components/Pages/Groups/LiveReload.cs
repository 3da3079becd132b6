namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>The group page has to read the group again for live changes; <paramref name="Highlight"/> is a rule someone added.</summary>
public sealed record LiveReload(string? Highlight);
