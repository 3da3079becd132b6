using Microsoft.Playwright;

namespace SecGroupAdmin.E2E;

/// <summary>
/// What a new user tripped over (#16): the app bar on a narrow phone, Escape and focus in dialogs, the skip link,
/// the add-rule dialog asking for the source, the theme kept across full page loads (the sign-in page included).
/// </summary>
[Collection(AppCollection.Name)]
public class NewUserJourneyTests(AppFixture app)
{
    [Theory]
    [InlineData(320, 640)]
    [InlineData(390, 844)]
    public async Task The_app_bar_fits_a_phone_and_sign_out_is_reachable(int width, int height)
    {
        var page = await app.NewPageAsync(width, height);
        await AppFixture.SignInAsync(page);
        await AppFixture.OpenAsync(page, "/t/demo/groups");
        await Assertions.Expect(page.Locator("#groups-table")).ToContainTextAsync("bastion");

        await AssertInViewportAsync(page, "#nav-toggle", width, height);
        await AssertInViewportAsync(page, "#theme-toggle", width, height);
        await AssertInViewportAsync(page, "#user-menu button", width, height);
        await Assertions.Expect(page.Locator("#user-menu button")).ToHaveAccessibleNameAsync("User menu");
        await Assertions.Expect(page.Locator("#theme-toggle")).ToHaveAccessibleNameAsync("Toggle dark mode");
        await AssertInViewportAsync(page, ".tenant-switcher-button", width, height);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        await Screenshots.SaveAsync(page, $"layout-{width}", fullPage: false);

        await page.ClickAsync("#user-menu button");
        await Assertions.Expect(page.Locator(".sign-out-button")).ToBeVisibleAsync();
        await AssertInViewportAsync(page, ".sign-out-button", width, height);
        await page.Keyboard.PressAsync("Escape");

        await ToggleToDarkAsync(page);
        await page.WaitForTimeoutAsync(400); // the buttons' colour transitions end
        await Screenshots.SaveAsync(page, $"layout-{width}-dark", fullPage: false);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Escape_closes_the_new_group_and_add_rule_dialogs_and_they_focus_their_first_field()
    {
        var page = await app.NewPageAsync();
        await AppFixture.SignInAsync(page);
        await AppFixture.OpenAsync(page, "/t/demo/groups");
        await page.ClickAsync("#create-group");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.id === 'group-name'");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

        await page.ClickAsync("#groups-table .group-link:text-is('db')");
        await AppFixture.WaitForLiveGridAsync(page);
        await page.ClickAsync("#add-rule");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.activeElement && document.activeElement.closest('.mud-select') && document.activeElement.closest('.mud-select').querySelector('#rule-template')");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_skip_link_is_the_first_tab_stop_and_moves_the_focus_to_the_content()
    {
        var page = await app.NewPageAsync();
        await AppFixture.SignInAsync(page);
        await AppFixture.OpenAsync(page, "/t/demo/groups");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip-link", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await Assertions.Expect(page.Locator("#skip-link")).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.activeElement.id === 'main-content'");
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => !!document.activeElement.closest('#main-content')"), "the next Tab stays in the content");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1366, 900, "")]
    [InlineData(390, 844, "-phone")]
    public async Task The_add_rule_dialog_asks_for_the_source_and_warns_only_once_it_applies(int width, int height, string suffix)
    {
        var page = await app.NewPageAsync(width, height);
        await AppFixture.SignInAsync(page);
        await AppFixture.OpenAsync(page, "/t/demo/groups");
        await page.ClickAsync("#groups-table .group-link:text-is('app')");
        await AppFixture.WaitForLiveGridAsync(page);
        foreach (var dark in new[] { false, true })
        {
            if (dark)
            {
                await page.ClickAsync("#theme-toggle");
                await WaitForDarkAsync(page);
            }
            await page.ClickAsync("#add-rule");
            await Assertions.Expect(page.Locator("#rule-save")).ToBeDisabledAsync();
            await Assertions.Expect(page.Locator("#rule-exposure-warning")).ToHaveCountAsync(0);

            await page.ClickAsync(".mud-select:has(#rule-template) .mud-input-control");
            await page.ClickAsync(".mud-popover-open .mud-list-item:has-text('SSH')");
            await Assertions.Expect(page.Locator("#rule-remote-hint")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#rule-exposure-warning")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#rule-save")).ToBeDisabledAsync();

            await page.Locator("#rule-remote .mud-chip", new() { HasText = "CIDR" }).ClickAsync();
            await Assertions.Expect(page.Locator("#rule-save")).ToBeDisabledAsync(); // an empty CIDR is not "anywhere"
            await page.Locator("#rule-remote .mud-chip", new() { HasText = "Anywhere" }).ClickAsync();
            await Assertions.Expect(page.Locator("#rule-exposure-warning")).ToContainTextAsync("to the whole internet");
            await Assertions.Expect(page.Locator("#rule-save")).ToBeEnabledAsync();
            await page.WaitForTimeoutAsync(400); // the chips' and buttons' transitions end
            await Screenshots.SaveAsync(page, "add-rule-dialog-source" + suffix + (dark ? "-dark" : ""), fullPage: false);
            await page.Keyboard.PressAsync("Escape");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        }
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1366, 800, "")]
    [InlineData(390, 844, "-phone")]
    public async Task The_theme_chosen_holds_across_full_page_loads_and_on_the_sign_in_page(int width, int height, string suffix)
    {
        var page = await app.NewPageAsync(width, height);
        await page.GotoAsync("/Account/Login");
        Assert.Empty(await page.Locator("text=external authentication services").AllAsync());
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sign in to SecGroupAdmin");
        await Screenshots.SaveAsync(page, "sign-in" + suffix);

        await AppFixture.SignInAsync(page);
        await ToggleToDarkAsync(page);

        // A full load (not the circuit's navigation) is dark from its first paint, before the circuit is up.
        await page.GotoAsync("/t/demo/ports", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.True(await IsDarkAsync(page), "the prerendered page is dark");
        await AppFixture.WaitForInteractiveAsync(page);
        Assert.True(await IsDarkAsync(page), "the interactive page stays dark");

        await page.GotoAsync("/Account/Login");
        Assert.True(await IsDarkAsync(page), "the sign-in page is dark");
        await Screenshots.SaveAsync(page, "sign-in" + suffix + "-dark");
        await page.Context.CloseAsync();
    }

    /// <summary>Whether the page's body is drawn on a dark background (every channel below 100).</summary>
    internal static Task<bool> IsDarkAsync(IPage page) => page.EvaluateAsync<bool>(
        "() => getComputedStyle(document.body).backgroundColor.match(/\\d+/g).slice(0, 3).every(c => Number(c) < 100)");

    /// <summary>Clicks the theme toggle and waits until the page is dark and the choice is in the theme cookie (a full load may follow).</summary>
    internal static async Task ToggleToDarkAsync(IPage page)
    {
        await page.ClickAsync("#theme-toggle");
        await WaitForDarkAsync(page);
        await page.WaitForFunctionAsync("() => document.cookie.includes('sga-theme=dark')");
    }

    internal static Task WaitForDarkAsync(IPage page) => page.WaitForFunctionAsync(
        "() => getComputedStyle(document.body).backgroundColor.match(/\\d+/g).slice(0, 3).every(c => Number(c) < 100)");

    private static async Task AssertInViewportAsync(IPage page, string selector, int width, int height)
    {
        var box = await page.Locator(selector).First.BoundingBoxAsync();
        Assert.True(box is not null, $"{selector} is not drawn");
        Assert.True(box!.X >= 0 && box.Y >= 0 && box.X + box.Width <= width && box.Y + box.Height <= height,
            $"{selector} at {box.X},{box.Y} {box.Width}x{box.Height} is not inside {width}x{height}");
    }
}
