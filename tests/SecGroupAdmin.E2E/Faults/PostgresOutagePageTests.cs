using System.Net;
using Microsoft.Playwright;
using SecGroupAdmin.Testing;
using static SecGroupAdmin.E2E.Faults.FaultTestClient;

namespace SecGroupAdmin.E2E.Faults;

/// <summary>
/// The pages during a PostgreSQL outage, with a REAL PostgreSQL of this test's own stopped and started under the
/// running app and Chromium: an open page (its circuit) that needs the database shows "The database is unavailable"
/// instead of Blazor's error bar (a rule dialog's save says so in the dialog), and comes back by itself when the
/// server does; a fresh page request during the outage answers the 503 page.
/// </summary>
public sealed class PostgresOutagePageTests
{
    private const string Tenant = "pg-pages";
    private const string Email = "pg-pages@e2e.test";

    [Fact]
    public async Task An_open_page_shows_the_outage_and_recovers_and_a_fresh_request_gets_the_503_page()
    {
        await using var postgres = await PostgresTestServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using var app = TestAppHost.Start(new TestAppOptions { PostgresConnectionString = database });
        using var api = await MemberAsync(app, Email, Tenant);
        Assert.Equal(HttpStatusCode.Created, (await CreateGroupAsync(api, "web-tier")).StatusCode);
        var group = (await GetJsonAsync(api, "/v2.0/security-groups?name=web-tier")).Body!["security_groups"]![0]!;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl, ViewportSize = new ViewportSize { Width = 1366, Height = 800 } });
        var page = await context.NewPageAsync();
        await AppFixture.SignInAsync(page, Email, PeopleSeeder.Password);
        await AppFixture.OpenAsync(page, $"/t/{Tenant}/groups/{(string)group["id"]!}");
        await page.WaitForSelectorAsync("#add-rule");

        // A rule dialog open when the database goes: its save says the database is unavailable, nothing breaks.
        await page.ClickAsync("#add-rule");
        await page.FillAsync("#rule-port", "8443");
        await page.Locator("#rule-remote .mud-chip", new() { HasText = "CIDR" }).ClickAsync();
        await page.FillAsync("#rule-cidr", "10.0.0.0/8");
        await postgres.StopAsync();
        try
        {
            await page.ClickAsync("#rule-save");
            await page.WaitForSelectorAsync("#rule-database-outage", new() { Timeout = 20000 });
            Assert.Contains("database is unavailable", await page.InnerTextAsync("#rule-database-outage"), StringComparison.OrdinalIgnoreCase);
            Assert.False(await page.IsVisibleAsync("#blazor-error-ui"), "Blazor's error bar showed");
            await page.ClickAsync(".mud-dialog button:has-text('Cancel')");
            await page.WaitForSelectorAsync(".mud-dialog", new() { State = WaitForSelectorState.Detached });

            // The open circuit goes to another page, which reads the database: the outage shows, the circuit lives.
            await page.ClickAsync("#nav-groups");
            await page.WaitForSelectorAsync("#database-outage", new() { Timeout = 20000 });
            Assert.Contains("database is unavailable", await page.InnerTextAsync("#database-outage"), StringComparison.OrdinalIgnoreCase);
            Assert.False(await page.IsVisibleAsync("#blazor-error-ui"), "Blazor's error bar showed");

            // A fresh page request answers the 503 page (Operations/DatabaseOutage).
            using var fresh = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
            var cookies = await context.CookiesAsync();
            fresh.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies.Select(c => c.Name + "=" + c.Value)));
            var response = await fresh.GetAsync($"/t/{Tenant}/groups");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
            Assert.Contains("The database is unavailable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await postgres.RestartAsync();
        }

        // Back: the page loads by itself (the boundary tries the database every 2 seconds), in the same circuit.
        await page.WaitForSelectorAsync("text=web-tier", new() { Timeout = 30000 });
        Assert.False(await page.IsVisibleAsync("#database-outage"));
        Assert.False(await page.IsVisibleAsync("#blazor-error-ui"), "Blazor's error bar showed");
        Assert.EndsWith($"/t/{Tenant}/groups", page.Url, StringComparison.Ordinal);

        // The other dialogs save the same way: the group dialog's save during an outage says so and keeps the input.
        await AppFixture.OpenAsync(page, $"/t/{Tenant}/groups/{(string)group["id"]!}");
        await page.ClickAsync("#edit-group");
        await page.FillAsync("#group-description", "changed during the outage");
        await postgres.StopAsync();
        try
        {
            await page.ClickAsync("#group-save");
            await page.WaitForSelectorAsync("#group-form-error", new() { Timeout = 20000 });
            Assert.Contains("database is unavailable", await page.InnerTextAsync("#group-form-error"), StringComparison.OrdinalIgnoreCase);
            Assert.Equal("changed during the outage", await page.InputValueAsync("#group-description"));
            Assert.False(await page.IsVisibleAsync("#blazor-error-ui"), "Blazor's error bar showed");
        }
        finally
        {
            await postgres.RestartAsync();
        }
        var stored = (await GetJsonAsync(api, "/v2.0/security-groups?name=web-tier")).Body!["security_groups"]![0]!;
        Assert.NotEqual("changed during the outage", (string?)stored["description"]);
    }
}
