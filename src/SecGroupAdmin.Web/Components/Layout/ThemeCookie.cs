namespace SecGroupAdmin.Web.Components.Layout;

/// <summary>
/// The user's light/dark choice, kept in a cookie (set by the toggle, MainLayout.razor.js) so that every full page load,
/// the sign-in pages included, is drawn in it from the first paint: the prerendering reads it.
/// </summary>
public static class ThemeCookie
{
    public const string Name = "sga-theme";

    /// <summary>True for dark, false for light, null when the user has not chosen (the system's preference applies).</summary>
    public static bool? Of(HttpContext? context) => context?.Request.Cookies[Name] switch
    {
        "dark" => true,
        "light" => false,
        _ => null,
    };
}
