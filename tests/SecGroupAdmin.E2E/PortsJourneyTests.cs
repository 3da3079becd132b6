using Microsoft.Playwright;

namespace SecGroupAdmin.E2E;

/// <summary>
/// Ports with addresses in the real app in Chromium: create a port whose fixed IPs are checked as typed, see them in the
/// list, find the port by an address, and be told under the field when an address is in use; screenshots of the page
/// and the dialog at desktop and phone size, light and dark.
/// </summary>
[Collection(AppCollection.Name)]
public class PortsJourneyTests(AppFixture app)
{
    private static async Task DarkAsync(IPage page)
    {
        await page.ClickAsync("#theme-toggle");
        await page.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)'");
    }

    [Fact]
    public async Task Create_a_port_with_addresses_find_it_by_one_and_be_refused_an_address_in_use()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var name = "app-" + suffix;
        var octet = Random.Shared.Next(1, 250);
        var v4 = $"10.{octet}.{Random.Shared.Next(1, 250)}.11";
        var page = await app.NewPageAsync();
        await AppFixture.SignInAsync(page);
        await AppFixture.OpenAsync(page, "/t/demo/ports");
        await page.WaitForSelectorAsync("#ports-table");

        await page.ClickAsync("#create-port");
        await page.FillAsync("#port-name", name);
        await page.FillAsync("#port-network", "private");
        await page.FillAsync("#port-fixed-ips", $"{v4}, 10.0.0.0/24");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("“10.0.0.0/24” is not an IP address");
        await Assertions.Expect(page.Locator("#port-save")).ToBeDisabledAsync();
        await Screenshots.SaveAsync(page, "port-dialog-error");
        await page.FillAsync("#port-fixed-ips", $"{v4}, 2001:DB8:{octet:x}::11");
        await Assertions.Expect(page.Locator("#port-save")).ToBeEnabledAsync();
        await Screenshots.SaveAsync(page, "port-dialog");
        await page.ClickAsync("#port-save");

        var row = page.Locator("#ports-table tr", new() { HasText = name });
        await Assertions.Expect(row.Locator(".fixed-ip")).ToHaveTextAsync([v4, $"2001:db8:{octet:x}::11"]);

        // Another port may not take one of its addresses: said under the field, nothing saved.
        await page.ClickAsync("#create-port");
        await page.FillAsync("#port-network", "private");
        await page.FillAsync("#port-fixed-ips", v4);
        await page.ClickAsync("#port-save");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync($"The IP address {v4} is in use.");
        await Screenshots.SaveAsync(page, "port-dialog-in-use");
        await page.Locator(".mud-dialog button", new() { HasText = "Cancel" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);

        await page.FillAsync("#port-search", v4);
        await Assertions.Expect(page.Locator("#ports-table .port-name")).ToHaveTextAsync([name]);
        await DarkAsync(page);
        await Screenshots.SaveAsync(page, "ports-dark");
        await row.Locator(".edit-port-groups").ClickAsync();
        await Assertions.Expect(page.Locator("#port-fixed-ips")).ToHaveValueAsync($"{v4}, 2001:db8:{octet:x}::11");
        await Screenshots.SaveAsync(page, "port-dialog-dark");
        await page.Locator(".mud-dialog button", new() { HasText = "Cancel" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await page.ClickAsync("#theme-toggle");
        await page.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor === 'rgb(255, 255, 255)'");
        await page.FillAsync("#port-search", "");
        await Assertions.Expect(page.Locator("#ports-table")).ToContainTextAsync("203.0.113.10");
        await Screenshots.SaveAsync(page, "ports");
        await page.Context.CloseAsync();

        var phone = await app.NewPageAsync(390, 844);
        await AppFixture.SignInAsync(phone);
        await AppFixture.OpenAsync(phone, "/t/demo/ports");
        await Assertions.Expect(phone.Locator("#ports-table")).ToContainTextAsync(v4);
        await Screenshots.SaveAsync(phone, "ports-phone");
        await phone.Locator("#ports-table tr", new() { HasText = name }).Locator(".edit-port-groups").ClickAsync();
        await Assertions.Expect(phone.Locator("#port-fixed-ips")).ToHaveValueAsync($"{v4}, 2001:db8:{octet:x}::11");
        await Screenshots.SaveAsync(phone, "port-dialog-phone", fullPage: false);
        await phone.Locator(".mud-dialog button", new() { HasText = "Cancel" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await DarkAsync(phone);
        await phone.EvaluateAsync("() => window.scrollTo(0, 0)");
        await phone.Mouse.MoveAsync(0, 400);
        await Screenshots.SaveAsync(phone, "ports-phone-dark");
        await phone.Context.CloseAsync();
    }
}
