using Microsoft.Playwright;

namespace SecGroupAdmin.E2E;

[Collection(AppCollection.Name)]
public class HomePageTests(AppFixture app)
{
    [Fact]
    public async Task Home_page_loads_with_an_interactive_MudBlazor_layout()
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync("/");
        Assert.Equal(200, response!.Status);
        await AppFixture.WaitForInteractiveAsync(page);

        await Assertions.Expect(page.Locator("#home-title")).ToHaveTextAsync("Security groups, done right");
        await Assertions.Expect(page.Locator(".mud-appbar")).ToContainTextAsync("SecGroupAdmin");
        // The logo is served from wwwroot-assets through the web root.
        var logo = await page.APIRequest.GetAsync("/assets/logo.svg");
        Assert.Equal(200, logo.Status);
        Assert.Contains("<svg", await logo.TextAsync());
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('.brand img'); return i && i.complete && i.naturalWidth > 0; }");

        var path = await Screenshots.SaveAsync(page, "home");
        Assert.True(new FileInfo(path).Length > 5000);

        // Interactive: the theme toggle switches the palette over the circuit.
        var before = await BodyBackgroundAsync(page);
        await page.ClickAsync("#theme-toggle");
        await page.WaitForFunctionAsync("b => getComputedStyle(document.body).backgroundColor !== b", before);
        Assert.NotEqual(before, await BodyBackgroundAsync(page));

        // Interactive: the menu button collapses the navigation drawer.
        await Assertions.Expect(page.Locator(".mud-drawer--open")).ToHaveCountAsync(1);
        await page.ClickAsync("#nav-toggle");
        await Assertions.Expect(page.Locator(".mud-drawer--open")).ToHaveCountAsync(0);

    }

    [Fact]
    public async Task The_page_is_parsed_and_painted_before_its_scripts_run_then_becomes_interactive()
    {
        var page = await app.NewPageAsync();
        // Before any page script: whether Blazor's and MudBlazor's scripts had run when the document was parsed and
        // when the first frame was painted.
        await page.Context.AddInitScriptAsync("""
            (() => {
              const seen = window.__start = {};
              const scriptsRan = () => typeof window.Blazor !== 'undefined' || typeof window.mudElementRef !== 'undefined';
              document.addEventListener('DOMContentLoaded', () => {
                seen.atContentLoaded = scriptsRan();
                seen.stylesheetsAtContentLoaded = [...document.querySelectorAll('link[rel=stylesheet]:not([disabled])')].every(l => l.sheet);
                seen.wholeSheetAtContentLoaded = !!document.getElementById('all-styles').sheet;
                requestAnimationFrame(() => { seen.atFirstFrame = scriptsRan(); });
              });
            })();
            """);
        await page.GotoAsync("/");
        await AppFixture.WaitForInteractiveAsync(page);

        var seen = await page.EvaluateAsync<System.Text.Json.JsonElement>("() => window.__start");
        Assert.False(seen.GetProperty("atContentLoaded").GetBoolean(), "DOMContentLoaded waited for the framework's scripts");
        Assert.False(seen.GetProperty("atFirstFrame").GetBoolean(), "the first frame waited for the framework's scripts");
        Assert.True(seen.GetProperty("stylesheetsAtContentLoaded").GetBoolean(), "the document was parsed before its stylesheets were in");
        // MudBlazor's whole stylesheet is not waited for (first-paint.css styles the first paint); it is applied after.
        Assert.False(seen.GetProperty("wholeSheetAtContentLoaded").GetBoolean(), "DOMContentLoaded waited for MudBlazor's whole stylesheet");
        await page.WaitForFunctionAsync("() => { const l = document.getElementById('all-styles'); return !l.disabled && l.sheet && l.sheet.cssRules.length > 1000; }");
        // The scripts still load, each once: the page is interactive (waited for above) and MudBlazor's is there.
        Assert.True(await page.EvaluateAsync<bool>("() => typeof window.mudElementRef !== 'undefined' && typeof window.Blazor !== 'undefined'"));
        var fetched = await page.EvaluateAsync<string[]>("() => performance.getEntriesByType('resource').map(e => e.name).filter(n => n.endsWith('.js'))");
        Assert.Single(fetched, n => n.Contains("/_framework/blazor.web.", StringComparison.Ordinal));
        Assert.Single(fetched, n => n.Contains("/_content/MudBlazor/MudBlazor.min.", StringComparison.Ordinal));
        Assert.Single(fetched, n => n.Contains("ReconnectModal.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_browser_that_prefers_dark_gets_the_dark_theme_once_the_page_is_interactive()
    {
        var light = await app.NewPageAsync();
        await light.GotoAsync("/");
        await AppFixture.WaitForInteractiveAsync(light);
        var lightBackground = await BodyBackgroundAsync(light);

        await using var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1366, Height = 800 },
            BaseURL = app.BaseUrl,
            ColorScheme = ColorScheme.Dark,
        });
        var dark = await context.NewPageAsync();
        await dark.GotoAsync("/");
        await AppFixture.WaitForInteractiveAsync(dark);
        await dark.WaitForFunctionAsync("b => getComputedStyle(document.body).backgroundColor !== b", lightBackground);

        // The user's choice then holds: back to light with the toggle.
        await dark.ClickAsync("#theme-toggle");
        await dark.WaitForFunctionAsync("b => getComputedStyle(document.body).backgroundColor === b", lightBackground);
    }

    [Fact]
    public async Task Bootstrapped_admin_can_sign_in_and_out()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("input[name='Input.Email']", AppFixture.AdminEmail);
        await page.FillAsync("input[name='Input.Password']", AppFixture.AdminPassword);
        await Screenshots.SaveAsync(page, "sign-in");
        await page.ClickAsync("button[type='submit']");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login"));
        await AppFixture.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator(".mud-main-content")).ToContainTextAsync($"Signed in as {AppFixture.AdminEmail}");

        await page.ClickAsync("#user-menu button");
        await page.ClickAsync("text=Sign out");
        await Assertions.Expect(page.Locator("#home-sign-in")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_message()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("input[name='Input.Email']", AppFixture.AdminEmail);
        await page.FillAsync("input[name='Input.Password']", "not-the-password");
        await page.ClickAsync("button[type='submit']");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Invalid login attempt");
    }

    private static Task<string> BodyBackgroundAsync(IPage page) =>
        page.EvalOnSelectorAsync<string>("body", "b => getComputedStyle(b).backgroundColor");
}
