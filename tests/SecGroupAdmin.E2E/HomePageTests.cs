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
