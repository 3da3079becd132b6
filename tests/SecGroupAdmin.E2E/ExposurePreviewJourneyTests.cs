using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.Ports;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.E2E;

/// <summary>
/// Exposure before saving (#17) in Chromium: the add-rule dialog says what the rule newly opens on the group's ports
/// while it is typed, with Add rule enabled, and passes axe in light and dark (screenshots: desktop and phone, light
/// and dark).
/// </summary>
[Collection(AppCollection.Name)]
public class ExposurePreviewJourneyTests(AppFixture app)
{
    private const string Tenant = "exposure-e2e";

    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Fact]
    public async Task The_rule_dialog_shows_what_the_rule_newly_opens_on_which_ports_before_saving()
    {
        await app.People.TenantAsync(Tenant);
        var user = await app.People.PersonAsync("exposure-admin@e2e.test", Role.TenantAdmin, Tenant);
        var caller = await app.People.CallerAsync(user, Tenant);
        var service = app.Factory.Services.GetRequiredService<SecurityGroupService>();
        var ports = app.Factory.Services.GetRequiredService<PortService>();
        var web = await service.CreateGroupAsync(caller, GroupCreateRequest.FromForm("web-" + Guid.NewGuid().ToString("N")[..6], "", startEmpty: true));
        foreach (var i in new[] { 1, 2, 3 })
        {
            await ports.CreatePortAsync(caller, new PortCreateRequest { Name = $"web-{i}", NetworkId = "net-1", SecurityGroupIds = [web.Id] });
        }

        var violations = new List<string>();
        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            var size = width < 600 ? "-phone" : "";
            var page = await app.NewPageAsync(width, height);
            await AppFixture.SignInAsync(page, "exposure-admin@e2e.test", PeopleSeeder.Password);
            await AppFixture.OpenAsync(page, $"/t/{Tenant}/groups/{web.Id}");
            foreach (var dark in new[] { false, true })
            {
                if (dark)
                {
                    await NewUserJourneyTests.ToggleToDarkAsync(page);
                }
                await AppFixture.WaitForLiveGridAsync(page);
                await page.ClickAsync("#add-rule");
                await page.FillAsync("#rule-port", "22");
                await page.Locator("#rule-remote .mud-chip", new() { HasText = "Anywhere" }).ClickAsync();
                await Assertions.Expect(page.Locator("#exposure-opens")).ToHaveTextAsync("newly opens tcp/22 from 0.0.0.0/0 on 3 ports: web-1, web-2, web-3");
                await Assertions.Expect(page.Locator("#rule-save")).ToBeEnabledAsync();
                await page.Locator("#exposure-opens").ScrollIntoViewIfNeededAsync(); // below the fold on a phone
                await page.WaitForTimeoutAsync(300); // the theme's and the alert's transitions end
                await Screenshots.SaveAsync(page, "rule-dialog-exposure" + size + (dark ? "-dark" : ""), fullPage: false);
                var result = await page.RunAxe(Wcag);
                violations.AddRange(result.Violations.Select(v => $"{width}px {(dark ? "dark" : "light")}: {v.Id} {v.Help} — {v.Nodes.FirstOrDefault()?.Html}"));
                await page.Keyboard.PressAsync("Escape");
                await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
            }
            await page.Context.CloseAsync();
        }
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
