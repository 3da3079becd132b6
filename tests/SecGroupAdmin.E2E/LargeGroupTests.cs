using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.E2E;

/// <summary>A group with hundreds of rules: the page draws a window of rows read from the server as you scroll.</summary>
[Collection(AppCollection.Name)]
public class LargeGroupTests(AppFixture app)
{
    private const int RuleCount = 400;

    [Fact]
    public async Task Scrolling_filtering_and_select_all_work_on_rows_that_are_not_drawn()
    {
        var tenant = await app.People.TenantAsync("large-e2e");
        await using (var db = await app.DbAsync())
        {
            await db.Tenants.Where(t => t.Id == tenant.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.SecurityGroupRuleQuota, -1));
        }
        var user = await app.People.PersonAsync("large-member@e2e.test", Role.Member, "large-e2e");
        var caller = await app.People.CallerAsync(user, "large-e2e");
        var service = app.Factory.Services.GetRequiredService<SecurityGroupService>();
        var group = await service.CreateGroupAsync(caller, GroupCreateRequest.FromForm("large-" + Guid.NewGuid().ToString("N")[..6], "many rules", startEmpty: true));
        await service.CreateRulesAsync(caller, Enumerable.Range(0, RuleCount)
            .Select(i => RuleInput.FromForm(group.Id, "ingress", "IPv4", "tcp", 10_000 + i, 10_000 + i, "10.0.0.0/8", null, $"rule {i}"))
            .ToList());

        var page = await app.NewPageAsync();
        await AppFixture.SignInAsync(page, "large-member@e2e.test", PeopleSeeder.Password);
        await AppFixture.OpenAsync(page, $"/t/large-e2e/groups/{group.Id}");
        var grid = page.Locator("#rules-grid");
        await Assertions.Expect(grid).ToContainTextAsync("ALLOW IPv4 10000/tcp from 10.0.0.0/8");
        await Assertions.Expect(page.Locator("#rule-tabs")).ToContainTextAsync($"Ingress ({RuleCount})");

        // Only a window of rows is in the page, and the last rule is not among them yet.
        var drawn = await grid.Locator(".rule-sentence").CountAsync();
        Assert.InRange(drawn, 5, 60);
        await Assertions.Expect(grid).Not.ToContainTextAsync("10399/tcp");

        // Scrolled to the end, the last rules are read and drawn.
        await grid.Locator(".mud-table-container").EvaluateAsync("e => e.scrollTop = e.scrollHeight");
        await Assertions.Expect(grid).ToContainTextAsync("ALLOW IPv4 10399/tcp from 10.0.0.0/8");
        await Assertions.Expect(grid).Not.ToContainTextAsync("10000/tcp");

        // Select all takes every rule, drawn or not; with a filter, only those the filter shows.
        await grid.Locator(".select-all-rules input").CheckAsync();
        await Assertions.Expect(page.Locator("#delete-selected")).ToHaveTextAsync($"Delete {RuleCount} selected");
        await grid.Locator(".select-all-rules input").ClickAsync();
        await Assertions.Expect(page.Locator("#delete-selected")).ToHaveCountAsync(0);
        await grid.Locator(".mud-table-container").EvaluateAsync("e => e.scrollTop = 0");
        await Assertions.Expect(grid).ToContainTextAsync("ALLOW IPv4 10000/tcp from 10.0.0.0/8");
        await page.FillAsync("#rule-search", "rule 39");
        await Assertions.Expect(grid.Locator(".rule-sentence")).ToHaveCountAsync(11); // rule 39 and rule 390–399
        await grid.Locator(".select-all-rules input").CheckAsync();
        await Assertions.Expect(page.Locator("#delete-selected")).ToHaveTextAsync("Delete 11 selected");
        // The viewport as seen: a full-page capture resizes the window, and this grid's height follows the window.
        await Screenshots.SaveAsync(page, "large-group-selection", fullPage: false);

        await page.ClickAsync("#delete-selected");
        await page.Locator(".mud-dialog button", new() { HasText = "Delete" }).ClickAsync();
        await Assertions.Expect(page.Locator("#rule-tabs")).ToContainTextAsync($"{RuleCount - 11})"); // "Ingress (0 of 389)": the filter stays
        await using (var db = await app.DbAsync())
        {
            Assert.Equal(RuleCount - 11, await db.SecurityGroupRules.CountAsync(r => r.SecurityGroupId == group.Id));
            Assert.False(await db.SecurityGroupRules.AnyAsync(r => r.SecurityGroupId == group.Id && r.Description == "rule 395"));
        }
    }
}
