using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.E2E;

/// <summary>
/// #16 "Edit inbound rules" in Chromium: two rows edited, one added, one removed, saved at once; the grid shows the
/// result and the audit log the entries of the one change set; the open editor passes axe, light and dark, desktop and phone.
/// </summary>
[Collection(AppCollection.Name)]
public class RulesTableEditorJourneyTests(AppFixture app)
{
    private const string Tenant = "table-e2e";
    private const string Email = "table-admin@e2e.test";
    private SecurityGroupService Service => app.Factory.Services.GetRequiredService<SecurityGroupService>();

    private async Task<string> SeedAsync()
    {
        await app.People.TenantAsync(Tenant);
        var user = await app.People.PersonAsync(Email, Role.TenantAdmin, Tenant);
        var caller = await app.People.CallerAsync(user, Tenant);
        var group = await Service.CreateGroupAsync(caller, GroupCreateRequest.FromForm("table-" + Guid.NewGuid().ToString("N")[..6], "edited as a table", startEmpty: true));
        await Service.CreateRulesAsync(caller,
        [
            RuleInput.FromForm(group.Id, "ingress", "IPv4", "tcp", 8081, 8081, "10.0.0.0/8", null, "app"),
            RuleInput.FromForm(group.Id, "ingress", "IPv4", "tcp", 8082, 8082, "10.1.0.0/16", null, "metrics"),
            RuleInput.FromForm(group.Id, "ingress", "IPv4", "udp", 8083, 8083, "10.2.0.0/16", null, "old"),
        ]);
        return group.Id;
    }

    /// <summary>The editor's row of the seeded rule with this port: rows keep the group's order (8081, 8082, 8083).</summary>
    private static async Task<ILocator> RowWithPortAsync(IPage page, string port)
    {
        var row = page.Locator($"#rte-{int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) - 8081}");
        await Assertions.Expect(row.Locator("input[id$='-ports']")).ToHaveValueAsync(port);
        return row;
    }

    [Fact]
    public async Task Two_rows_edited_one_added_one_removed_are_saved_together_and_the_audit_shows_one_change_set()
    {
        var groupId = await SeedAsync();
        var page = await app.NewPageAsync();
        await AppFixture.SignInAsync(page, Email, PeopleSeeder.Password);
        await AppFixture.OpenAsync(page, $"/t/{Tenant}/groups/{groupId}");

        await page.ClickAsync("#edit-rules-table");
        await Assertions.Expect(page.Locator("#rules-table-editor")).ToBeVisibleAsync();
        await (await RowWithPortAsync(page, "8081")).Locator("input[id$='-ports']").FillAsync("9081");
        await (await RowWithPortAsync(page, "8082")).Locator("input[id$='-description']").FillAsync("metrics, renamed");
        await (await RowWithPortAsync(page, "8083")).Locator(".rte-remove").ClickAsync();
        await page.ClickAsync("#rules-table-add");
        var added = page.Locator(".rte-row-new");
        await added.Locator("input[id$='-ports']").FillAsync("9443");
        await added.Locator("input[id$='-cidr']").FillAsync("192.168.10.0/24");
        await Assertions.Expect(page.Locator("#rules-table-summary")).ToHaveTextAsync("1 added, 2 changed, 1 removed");
        await page.ClickAsync("#rules-table-save");

        var grid = page.Locator("#rules-grid");
        await Assertions.Expect(page.Locator("#rules-table-editor")).ToHaveCountAsync(0);
        await Assertions.Expect(grid).ToContainTextAsync("9081/tcp from 10.0.0.0/8");
        await Assertions.Expect(grid).ToContainTextAsync("9443/tcp from 192.168.10.0/24");
        await Assertions.Expect(grid).ToContainTextAsync("metrics, renamed");
        await Assertions.Expect(grid).Not.ToContainTextAsync("8083/udp");

        await AppFixture.OpenAsync(page, $"/t/{Tenant}/audit?group={groupId}");
        var chips = page.Locator("#audit-table .audit-change-set");
        await Assertions.Expect(chips).ToHaveCountAsync(4);
        Assert.Single((await chips.AllTextContentsAsync()).Distinct());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_open_editor_passes_axe_in_light_and_dark_at_desktop_and_phone_size()
    {
        var groupId = await SeedAsync();
        var violations = new List<string>();
        foreach (var (width, height, name) in new[] { (1280, 800, "desktop"), (390, 844, "phone") })
        {
            var page = await app.NewPageAsync(width, height);
            await AppFixture.SignInAsync(page, Email, PeopleSeeder.Password);
            foreach (var dark in new[] { false, true })
            {
                await AppFixture.OpenAsync(page, $"/t/{Tenant}/groups/{groupId}");
                if (dark && !await NewUserJourneyTests.IsDarkAsync(page))
                {
                    await NewUserJourneyTests.ToggleToDarkAsync(page);
                }
                await page.ClickAsync("#edit-rules-table");
                await page.ClickAsync("#rules-table-add");
                await page.Locator(".rte-row-new input[id$='-ports']").FillAsync("70000");
                await (await RowWithPortAsync(page, "8083")).Locator(".rte-remove").ClickAsync();
                await Assertions.Expect(page.Locator("#rules-table-summary")).ToContainTextAsync("1 removed");
                await page.WaitForTimeoutAsync(300);
                await Screenshots.SaveAsync(page, $"rules-table-{name}-{(dark ? "dark" : "light")}", fullPage: true);
                var result = await page.Locator("#rules-table-editor").RunAxe(new AxeRunOptions
                {
                    RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
                });
                violations.AddRange(result.Violations.Select(v => $"{name} {(dark ? "dark" : "light")}: {v.Id} {v.Help} — " +
                    string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html.Length > 160 ? n.Html[..160] : n.Html))));
            }
            await page.Context.CloseAsync();
        }
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
