using MudBlazor;

namespace SecGroupAdmin.Web.Components.Layout;

/// <summary>The app's colours, light and dark, matching the logo.</summary>
public static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fbf",
            Secondary = "#0e7c86",
            AppbarBackground = "#1a4fa3",
            Success = "#15803d",
            Error = "#c62828",
            Warning = "#b45309",
            // Darker than MudBlazor's #2196f3 (3.1:1 on white): info text and outlines read at 4.5:1 (WCAG AA).
            Info = "#0b6bcb",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#5b9cf0",
            Secondary = "#2bb3bd",
            AppbarBackground = "#16223a",
            Success = "#22c55e",
            Error = "#ef5350",
            Warning = "#f59e0b",
            Info = "#64b5f6",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
