using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.E2E;

/// <summary>
/// Address groups in the real app in Chromium: create one (addresses checked and normalised as typed), use it as a
/// rule's remote, see the rule in words in the grid, and be refused its delete with the reason; screenshots at desktop
/// and phone size, light and dark, and a check that every control on the page and in its dialog has an accessible name.
/// </summary>
[Collection(AppCollection.Name)]
public class AddressGroupsJourneyTests(AppFixture app)
{
    /// <summary>
    /// Every visible control (button, link, input, textarea, combobox) of the page's content and its dialogs (not the
    /// app bar, which other pages share) must have an accessible name: aria-label,
    /// aria-labelledby, a label, a title, a placeholder or text. Returns the controls without one.
    /// </summary>
    private const string UnnamedControls = """
        () => [...document.querySelectorAll('.mud-main-content, .mud-dialog')]
          .flatMap(root => [...root.querySelectorAll('button, a[href], input:not([type=hidden]), textarea, [role=button], [role=combobox]')])
          .filter(e => e.offsetParent !== null || e.getClientRects().length > 0)
          .filter(e => {
            const by = (e.getAttribute('aria-labelledby') || '').split(' ').map(id => document.getElementById(id)?.textContent || '').join('').trim();
            const labels = e.labels ? [...e.labels].map(l => l.textContent).join('').trim() : '';
            const name = (e.getAttribute('aria-label') || by || labels || e.getAttribute('title') || e.getAttribute('placeholder') || e.textContent || '').trim();
            return name.length === 0 && !(e.tagName === 'INPUT' && e.closest('.mud-input-control')?.querySelector('label')?.textContent.trim());
          })
          .map(e => e.outerHTML.slice(0, 400))
        """;

    private static async Task AssertAccessibleNamesAsync(IPage page, string where)
    {
        var unnamed = await page.EvaluateAsync<string[]>(UnnamedControls);
        Assert.True(unnamed.Length == 0, $"{where}: controls without an accessible name: {string.Join(" | ", unnamed)}");
    }

    private async Task<string> SeedGroupAsync(string name)
    {
        var services = app.Factory.Services;
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = await users.FindByEmailAsync(AppFixture.AdminEmail) ?? throw new InvalidOperationException("no bootstrapped admin");
        var callers = services.GetRequiredService<CallerFactory>();
        var tenants = services.GetRequiredService<Web.Tenancy.TenantAdministrationService>();
        var cloud = (await callers.CreateAsync(admin.Id, null, ChangeSource.UI))!;
        var demo = await tenants.FindTenantAsync(cloud, "demo") ?? throw new InvalidOperationException("no demo tenant");
        var inDemo = (await callers.CreateAsync(admin.Id, demo.Id, ChangeSource.UI))!;
        var group = await services.GetRequiredService<SecurityGroupService>().CreateGroupAsync(inDemo,
            GroupCreateRequest.FromForm(name, "uses an address group", startEmpty: true) with { ProjectId = demo.Id });
        return group.Id;
    }

    [Fact]
    public async Task Create_an_address_group_use_it_in_a_rule_see_it_in_the_grid_and_be_refused_its_delete()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var agName = "office-" + suffix;
        var groupId = await SeedGroupAsync("ag-web-" + suffix);
        var page = await app.NewPageAsync();
        await AppFixture.SignInAsync(page);
        await AppFixture.OpenAsync(page, "/t/demo/groups");

        // The nav entry sits next to the groups and ports pages.
        await page.ClickAsync("#nav-address-groups");
        await page.WaitForURLAsync(url => url.EndsWith("/t/demo/address-groups", StringComparison.Ordinal));
        await page.WaitForSelectorAsync("#address-groups-table");
        await AssertAccessibleNamesAsync(page, "address groups page");

        // Create: each address is checked as typed and shown as it will be stored.
        await page.ClickAsync("#create-address-group");
        await page.FillAsync("#ag-name", agName);
        await page.FillAsync("#ag-description", "the office networks");
        await page.FillAsync("#ag-addresses", "10.1.2.3/16\n192.168.1.5\nnot-an-address");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("“not-an-address” is not an IP address or network");
        await Assertions.Expect(page.Locator("#ag-save")).ToBeDisabledAsync();
        await page.FillAsync("#ag-addresses", "10.1.2.3/16\n192.168.1.5\n172.16.0.0/12");
        await Assertions.Expect(page.Locator("#ag-address-preview")).ToContainTextAsync("10.1.2.3/16 → 10.1.0.0/16");
        await Assertions.Expect(page.Locator("#ag-address-preview")).ToContainTextAsync("192.168.1.5 → 192.168.1.5/32");
        await Assertions.Expect(page.Locator("#ag-save")).ToBeEnabledAsync();
        await AssertAccessibleNamesAsync(page, "address group dialog");
        await Screenshots.SaveAsync(page, "address-group-dialog");
        await page.ClickAsync("#ag-save");
        var row = page.Locator("#address-groups-table tr", new() { HasText = agName });
        await Assertions.Expect(row).ToContainTextAsync("10.1.0.0/16");
        await Assertions.Expect(row.Locator(".ag-use-count")).ToHaveTextAsync("unused");

        // Use it as the remote of a rule.
        await AppFixture.OpenAsync(page, $"/t/demo/groups/{groupId}");
        await page.ClickAsync("#add-rule");
        await page.FillAsync("#rule-port", "22");
        await page.Locator("#rule-remote .mud-chip", new() { HasText = "Address group" }).ClickAsync();
        await page.ClickAsync("#rule-remote-address-group");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = agName }).ClickAsync();
        await Assertions.Expect(page.Locator("#rule-preview")).ToContainTextAsync($"ALLOW IPv4 22/tcp from address group {agName}, 3 addresses");
        await Screenshots.SaveAsync(page, "add-rule-address-group");
        await page.ClickAsync("#rule-save");
        var grid = page.Locator("#rules-grid");
        await Assertions.Expect(grid).ToContainTextAsync($"ALLOW IPv4 22/tcp from address group {agName}, 3 addresses");
        await Assertions.Expect(grid.Locator(".remote-address-group")).ToHaveTextAsync($"address group {agName}, 3 addresses");
        await Screenshots.SaveAsync(page, "group-detail-address-group");

        // Back on the page: used by 1 rule, "where used" links the group, and the delete is refused with the reason.
        await AppFixture.OpenAsync(page, "/t/demo/address-groups");
        row = page.Locator("#address-groups-table tr", new() { HasText = agName });
        await Assertions.Expect(row.Locator(".ag-use-count")).ToHaveTextAsync("1 rule");
        await row.Locator(".ag-use-count").ClickAsync();
        await Assertions.Expect(page.Locator("#ag-uses .ag-use-group")).ToHaveTextAsync("ag-web-" + suffix);
        await Screenshots.SaveAsync(page, "address-group-where-used");
        await page.ClickAsync("#ag-uses-close");
        await row.Locator(".delete-address-group").ClickAsync();
        await page.ClickAsync("#confirm-ok");
        await Assertions.Expect(page.Locator("#ag-delete-refused")).ToContainTextAsync($"{agName} was not deleted: 1 rule uses it as the remote");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "address-groups");
        await AssertAccessibleNamesAsync(page, "address groups page after the refusal");

        await page.ClickAsync("#theme-toggle");
        await page.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)'");
        await Screenshots.SaveAsync(page, "address-groups-dark");
        await page.Context.CloseAsync();

        var phone = await app.NewPageAsync(390, 844);
        await AppFixture.SignInAsync(phone);
        await AppFixture.OpenAsync(phone, "/t/demo/address-groups");
        await Assertions.Expect(phone.Locator("#address-groups-table")).ToContainTextAsync(agName);
        await Screenshots.SaveAsync(phone, "address-groups-phone");
        await phone.ClickAsync("#theme-toggle");
        await phone.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)'");
        await Screenshots.SaveAsync(phone, "address-groups-phone-dark");
        await AssertAccessibleNamesAsync(phone, "address groups page on a phone");
        await phone.Context.CloseAsync();
    }
}
