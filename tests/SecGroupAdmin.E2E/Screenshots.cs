using Microsoft.Playwright;

namespace SecGroupAdmin.E2E;

/// <summary>Saves full-page screenshots as test artifacts under test-artifacts/screenshots (or $SCREENSHOT_DIR).</summary>
public static class Screenshots
{
    public static string Directory { get; } = Resolve();

    public static async Task<string> SaveAsync(IPage page, string name, bool fullPage = true)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }

    private static string Resolve()
    {
        var configured = Environment.GetEnvironmentVariable("SCREENSHOT_DIR");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SecGroupAdmin.sln")))
        {
            dir = dir.Parent;
        }
        return Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "test-artifacts", "screenshots");
    }
}
