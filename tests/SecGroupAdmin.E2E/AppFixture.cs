using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace SecGroupAdmin.E2E;

/// <summary>
/// The real app over Kestrel on 127.0.0.1 with its own SQLite file, and Debian's Chromium driven by Playwright.
/// </summary>
public sealed class AppFixture : IAsyncLifetime, IAppHost
{
    public const string AdminEmail = "admin@e2e.test";
    public const string AdminPassword = "E2e-Admin-Passw0rd!";

    private readonly string dbPath = Path.Combine(Path.GetTempPath(), $"secgroupadmin-e2e-{Guid.NewGuid():N}.db");

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort();
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Default", $"Data Source={dbPath}")
            .UseSetting("Bootstrap:AdminEmail", AdminEmail)
            .UseSetting("Bootstrap:AdminPassword", AdminPassword)
            .UseSetting("Seed:Demo", "true"));
        Factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        Factory.StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";

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

    /// <summary>Goes to a page of the app and waits until its circuit is live.</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitForInteractiveAsync(page);
    }

    /// <summary>Waits until the Blazor circuit is live, so clicks reach the interactive page and not the prerendered one.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.WaitForSelectorAsync("#app-ready[data-interactive='true']",
            new() { State = WaitForSelectorState.Attached, Timeout = 20000 });

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Factory.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try { File.Delete(dbPath + suffix); } catch (IOException) { }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
