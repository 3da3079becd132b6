using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;
using SecGroupAdmin.Data;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.Components;

namespace SecGroupAdmin.E2E;

/// <summary>
/// The real app (<see cref="TestAppHost"/>: Kestrel on 127.0.0.1, its own SQLite file, the demo seed) and Debian's
/// Chromium driven by Playwright.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin@e2e.test";
    public const string AdminPassword = "E2e-Admin-Passw0rd!";

    public TestAppHost Host { get; private set; } = null!;
    public WebApplicationFactory<App> Factory => Host.Factory;
    public string BaseUrl => Host.BaseUrl;
    public PeopleSeeder People => Host.People;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = TestAppHost.Start(new TestAppOptions
        {
            AdminEmail = AdminEmail,
            AdminPassword = AdminPassword,
            Settings = new Dictionary<string, string>
            {
                ["Seed:Demo"] = "true",
                // The tests sign in ~30 times, many as the admin, from one address: the sign-in limits (tested on their
                // own in RateLimitTests) must not refuse them when tests follow each other quickly.
                ["RateLimits:SignInPerAddress"] = "10000",
                ["RateLimits:SignInPerAccount"] = "10000",
            },
        });

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public Task<AppDbContext> DbAsync() => Host.DbAsync();

    /// <summary>A fresh page at laptop size.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = BaseUrl,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the real form and waits for the interactive home page.</summary>
    public static async Task SignInAsync(IPage page, string email = AdminEmail, string password = AdminPassword)
    {
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("input[name='Input.Email']", email);
        await page.FillAsync("input[name='Input.Password']", password);
        await page.ClickAsync("button[type='submit']");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login"));
        await WaitForInteractiveAsync(page);
    }

    /// <summary>Goes to a page of the app and waits until its circuit is live (and its live grid has replaced the first screen).</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitForInteractiveAsync(page);
        await WaitForLiveGridAsync(page);
    }

    /// <summary>
    /// Waits until no prerendered first screen is shown in place of a live grid (Shared/FirstPaint): clicks and
    /// scrolls then reach the live grid.
    /// </summary>
    public static Task WaitForLiveGridAsync(IPage page) =>
        page.WaitForSelectorAsync(".first-paint-pending", new() { State = WaitForSelectorState.Detached, Timeout = 20000 });

    /// <summary>Waits until the Blazor circuit is live, so clicks reach the interactive page and not the prerendered one.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.WaitForSelectorAsync("#app-ready[data-interactive='true']",
            new() { State = WaitForSelectorState.Attached, Timeout = 20000 });

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Host.DisposeAsync();
    }
}
