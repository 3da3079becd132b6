using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SecGroupAdmin.E2E;

/// <summary>The tenant admin's main path through the real app in Chromium.</summary>
[Collection(AppCollection.Name)]
public class GroupsFlowTests(AppFixture app)
{
    /// <summary>The groups list (its first page at first paint, then the live table) at desktop and phone size, light and dark.</summary>
    [Theory]
    [InlineData(1366, 800, "")]
    [InlineData(390, 844, "-phone")]
    public async Task Groups_list_screenshots_light_and_dark(int width, int height, string suffix)
    {
        var page = await app.NewPageAsync(width, height);
        await AppFixture.SignInAsync(page);
        await AppFixture.OpenAsync(page, "/t/demo/groups");
        await Assertions.Expect(page.Locator("#groups-table")).ToContainTextAsync("bastion");
        await Screenshots.SaveAsync(page, "groups-list-first-paint" + suffix);
        await page.ClickAsync("#theme-toggle");
        await page.WaitForFunctionAsync("() => document.querySelector('.mud-main-content') && getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)'");
        await Screenshots.SaveAsync(page, "groups-list-first-paint" + suffix + "-dark");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Create_group_add_ssh_rule_see_duplicate_edit_and_delete()
    {
        var page = await app.NewPageAsync();
        await AppFixture.SignInAsync(page);
        await AppFixture.OpenAsync(page, "/t/demo/groups");
        await Assertions.Expect(page.Locator("#groups-table")).ToContainTextAsync("bastion");
        await Screenshots.SaveAsync(page, "groups-list");

        // Create a group.
        var name = "e2e-" + Guid.NewGuid().ToString("N")[..6];
        await page.ClickAsync("#create-group");
        await page.FillAsync("#group-name", "default");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Default security group already exists.");
        await page.FillAsync("#group-name", name);
        await page.FillAsync("#group-description", "made by the browser test");
        await page.ClickAsync("#group-save");
        await page.WaitForURLAsync(url => url.Contains("/t/demo/groups/"));
        await Assertions.Expect(page.Locator("#group-title")).ToHaveTextAsync(name);

        // Add SSH from the template with a CIDR: the row says "22 (SSH)".
        await AddSshRuleAsync(page, "10.0.0.0/8");
        await Assertions.Expect(page.Locator("#rule-preview")).ToContainTextAsync("ALLOW IPv4 22/tcp from 10.0.0.0/8");
        await Screenshots.SaveAsync(page, "add-rule-dialog");
        await page.ClickAsync("#rule-save");
        var grid = page.Locator("#rules-grid");
        await Assertions.Expect(grid).ToContainTextAsync("22 (SSH)");
        await Assertions.Expect(grid).ToContainTextAsync("ALLOW IPv4 22/tcp from 10.0.0.0/8");

        // The same rule again is "already present", with a way to the existing one, not an error.
        await AddSshRuleAsync(page, "10.0.0.0/8");
        await Assertions.Expect(page.Locator("#rule-already-present")).ToContainTextAsync("Already present");
        await Assertions.Expect(page.Locator("#rule-save")).ToBeDisabledAsync();
        await Screenshots.SaveAsync(page, "rule-already-present");
        await page.ClickAsync("#rule-show-existing");
        await Assertions.Expect(page.Locator(".mud-snackbar", new() { HasText = "already present" })).ToBeVisibleAsync();

        // Bad input shows Neutron's message under the field before submit.
        await page.ClickAsync("#add-rule");
        // "My IP" is the browser's address as read when the circuit started (this page was reached without a reload).
        await Assertions.Expect(page.Locator("#rule-remote")).ToContainTextAsync(new Regex(@"My IP \((127\.0\.0\.1|::1)\)"));
        await page.FillAsync("#rule-port", "70000");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Invalid value for port 70000");
        await Assertions.Expect(page.Locator("#rule-save")).ToBeDisabledAsync();
        await page.ClickAsync(".mud-dialog button:has-text('Cancel')");

        // Edit: narrow the CIDR (an atomic replace).
        await grid.Locator(".edit-rule").First.ClickAsync();
        await page.FillAsync("#rule-cidr", "10.1.0.0/16");
        await Assertions.Expect(page.Locator("#rule-preview")).ToContainTextAsync("from 10.1.0.0/16");
        await page.ClickAsync("#rule-save");
        await Assertions.Expect(grid).ToContainTextAsync("ALLOW IPv4 22/tcp from 10.1.0.0/16");
        await Assertions.Expect(grid).Not.ToContainTextAsync("from 10.0.0.0/8");
        await Screenshots.SaveAsync(page, "group-detail");

        // A group in use by a port cannot be deleted, and the dialog says why.
        await AppFixture.OpenAsync(page, "/t/demo/groups");
        var webRow = page.Locator("#groups-table tr", new() { HasText = "Public web servers" });
        await webRow.Locator(".delete-group").ClickAsync();
        await Assertions.Expect(page.Locator("#delete-in-use")).ToContainTextAsync("is used by 1 port");
        await Screenshots.SaveAsync(page, "delete-in-use");
        await Assertions.Expect(page.Locator("#delete-confirm")).ToHaveCountAsync(0);
        await page.ClickAsync(".mud-dialog button:has-text('Close')");

        // Delete the new group.
        var row = page.Locator("#groups-table tr", new() { HasText = name });
        await row.Locator(".delete-group").ClickAsync();
        await page.ClickAsync("#delete-confirm");
        await Assertions.Expect(page.Locator("#groups-table")).Not.ToContainTextAsync(name);
    }

    [Fact]
    public async Task Group_detail_marks_exposed_rules_and_shows_not_set_remotes()
    {
        var page = await app.NewPageAsync();
        await AppFixture.SignInAsync(page);
        await AppFixture.OpenAsync(page, "/t/demo/groups");
        await page.Locator("#groups-table .group-link", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^db$") }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#exposure-summary")).ToContainTextAsync("1 rule lets anyone");
        await Assertions.Expect(page.Locator("#rules-grid .exposed-chip")).ToHaveCountAsync(1);
        await page.ClickAsync("text=Egress (2)");
        await Assertions.Expect(page.Locator("#rules-grid .remote-not-set")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#rules-grid")).ToContainTextAsync("Any (not set)");
    }

    private static async Task AddSshRuleAsync(IPage page, string cidr)
    {
        await page.ClickAsync("#add-rule");
        await page.ClickAsync(".mud-select:has(#rule-template) .mud-input-control");
        await page.ClickAsync(".mud-popover-open .mud-list-item:has-text('SSH')");
        await page.Locator("#rule-remote .mud-chip", new() { HasText = "CIDR" }).ClickAsync(); // a new rule has no source until one is chosen
        await page.FillAsync("#rule-cidr", cidr);
    }
}
