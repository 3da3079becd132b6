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
        // Dark: every colour used as text reads at 4.5:1 or more on the dark surfaces (WCAG AA), and filled buttons carry
        // dark text (white on these light colours would be below 3:1).
        PaletteDark = new PaletteDark
        {
            Primary = "#82b4f7",
            PrimaryContrastText = "#0d1b2a",
            Secondary = "#4fd1da",
            SecondaryContrastText = "#0d1b2a",
            AppbarBackground = "#16223a",
            Success = "#4ade80",
            SuccessContrastText = "#0d1b2a",
            Error = "#f88e8c",
            ErrorContrastText = "#0d1b2a",
            // The audit log's "delete" chip is text in the darkened error colour: MudBlazor's own darken is 3.9:1 here.
            ErrorDarken = "#f5837f",
            Warning = "#fbbf24",
            WarningContrastText = "#0d1b2a",
            Info = "#7cc3f8",
            InfoContrastText = "#0d1b2a",
            TextSecondary = "rgba(255,255,255,0.70)",
            TextDisabled = "rgba(255,255,255,0.50)",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "6px" },
    };
}
