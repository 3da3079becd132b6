using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.E2E;

/// <summary>
/// Tags in the real app in Chromium: a tenant admin tags two groups on their group pages and a rule from its row,
/// sees the chips on the groups list and filters it by a tag (kept in the address); a reader sees the chips and no
/// editing control. Screenshots of the list with chips and the filter at desktop and phone size, light and dark.
/// </summary>
[Collection(AppCollection.Name)]
public class TagsJourneyTests(AppFixture app)
{
    private static async Task DarkAsync(IPage page)
    {
        await page.ClickAsync("#theme-toggle");
        await page.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)'");
    }

    /// <summary>
    /// The bottom edges of the list toolbar's fields (their underlines) and the top of the list's header: no field may
    /// reach into the list (the search field's underline once crossed its first row).
    /// </summary>
    private static async Task AssertToolbarFieldsEndAboveTheListAsync(IPage page)
    {
        var edges = await page.EvaluateAsync<double[]>("""
            () => [document.querySelector('#groups-table thead').getBoundingClientRect().top,
                   ...[...document.querySelectorAll('#groups-table .groups-toolbar .mud-input')].map(i => i.getBoundingClientRect().bottom)]
            """);
        Assert.Equal(3, edges.Length); // the header, the search field and the tag field
        Assert.All(edges.Skip(1), bottom => Assert.True(bottom <= edges[0], $"a toolbar field ends at {bottom}, below the list's top {edges[0]}"));
    }

    private static async Task AddTagAsync(IPage page, string input, string tag)
    {
        await page.FillAsync(input, tag);
        await page.PressAsync(input, "Enter");
    }

    [Fact]
    public async Task Tag_two_groups_and_a_rule_then_see_the_chips_and_filter_the_list_by_a_tag()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var tenant = "tags-" + suffix;
        var adminEmail = $"tags-admin-{suffix}@e2e.test";
        var readerEmail = $"tags-reader-{suffix}@e2e.test";
        var admin = await app.People.PersonAsync(adminEmail, Role.TenantAdmin, tenant);
        await app.People.PersonAsync(readerEmail, Role.Reader, tenant);
        var caller = await app.People.CallerAsync(admin, tenant);
        var groups = app.Factory.Services.GetRequiredService<SecurityGroupService>();
        var web = await groups.CreateGroupAsync(caller, GroupCreateRequest.FromForm("web", "web servers"));
        var db = await groups.CreateGroupAsync(caller, GroupCreateRequest.FromForm("db", "databases"));
        await groups.CreateGroupAsync(caller, GroupCreateRequest.FromForm("batch", "batch jobs"));
        await groups.CreateRuleAsync(caller, RuleInput.FromForm(web.Id, "ingress", "IPv4", "tcp", 22, 22, "10.0.0.0/8", null, "ssh"));

        var page = await app.NewPageAsync();
        await AppFixture.SignInAsync(page, adminEmail, PeopleSeeder.Password);

        // Tag the two groups on their pages.
        await AppFixture.OpenAsync(page, $"/t/{tenant}/groups/{web.Id}");
        await AddTagAsync(page, "#group-tag-input", "prod");
        await Assertions.Expect(page.Locator("#group-tags .tag-chip")).ToHaveCountAsync(1);
        await AddTagAsync(page, "#group-tag-input", "frontend");
        await Assertions.Expect(page.Locator("#group-tags .tag-chip")).ToHaveTextAsync(["frontend", "prod"]);

        // Tag a rule from its row: the grid shows it in the description cell.
        var sshRow = page.Locator("#rules-grid tbody tr", new() { HasText = "22/tcp" });
        await sshRow.Locator(".edit-rule-tags").ClickAsync();
        await AddTagAsync(page, "#rule-tag-input", "ops");
        await Assertions.Expect(page.Locator("#rule-tags .tag-chip")).ToHaveTextAsync(["ops"]);
        await page.ClickAsync("#rule-tags-done");
        await Assertions.Expect(sshRow.Locator(".rule-tag")).ToHaveTextAsync(["ops"]);
        await Screenshots.SaveAsync(page, "group-detail-tags");

        await AppFixture.OpenAsync(page, $"/t/{tenant}/groups/{db.Id}");
        await AddTagAsync(page, "#group-tag-input", "prod");
        await Assertions.Expect(page.Locator("#group-tags .tag-chip")).ToHaveTextAsync(["prod"]);
        await AddTagAsync(page, "#group-tag-input", "postgres");
        await Assertions.Expect(page.Locator("#group-tags .tag-chip")).ToHaveTextAsync(["postgres", "prod"]);

        // The list shows each group's tags.
        await AppFixture.OpenAsync(page, $"/t/{tenant}/groups");
        var webRow = page.Locator("#groups-table tbody tr", new() { Has = page.Locator(".group-link", new() { HasTextString = "web" }) });
        var dbRow = page.Locator("#groups-table tbody tr", new() { Has = page.Locator(".group-link", new() { HasTextString = "db" }) });
        await Assertions.Expect(webRow.Locator(".group-tags .tag-chip")).ToHaveTextAsync(["frontend", "prod"]);
        await Assertions.Expect(dbRow.Locator(".group-tags .tag-chip")).ToHaveTextAsync(["postgres", "prod"]);
        await Assertions.Expect(page.Locator("#groups-table .group-link")).ToHaveTextAsync(["default", "batch", "db", "web"]);
        await Screenshots.SaveAsync(page, "groups-list-tags");

        await AssertToolbarFieldsEndAboveTheListAsync(page);

        // Filter by a tag: only the groups carrying it, and the filter in the address.
        await AddTagAsync(page, "#group-tag-filter", "prod");
        await Assertions.Expect(page.Locator("#groups-table .group-link")).ToHaveTextAsync(["db", "web"]);
        await page.WaitForURLAsync(url => url.EndsWith("?tag=prod", StringComparison.Ordinal));
        await AddTagAsync(page, "#group-tag-filter", "frontend");
        await Assertions.Expect(page.Locator("#groups-table .group-link")).ToHaveTextAsync(["web"]);
        await Assertions.Expect(page.Locator("#group-tag-filters .tag-filter-chip")).ToHaveTextAsync(["prod", "frontend"]);
        await Screenshots.SaveAsync(page, "groups-list-tag-filter");
        await AssertToolbarFieldsEndAboveTheListAsync(page);
        // A reload keeps the filter (it is read from the address, prerendered too).
        await AppFixture.OpenAsync(page, page.Url);
        await Assertions.Expect(page.Locator("#groups-table .group-link")).ToHaveTextAsync(["web"]);
        await DarkAsync(page);
        await Screenshots.SaveAsync(page, "groups-list-tag-filter-dark");
        // Removing the filter's chips (the theme stays: no reload) shows every group again.
        await page.Locator("#group-tag-filters .tag-filter-chip", new() { HasTextString = "frontend" }).Locator(".mud-chip-close-button").ClickAsync();
        await Assertions.Expect(page.Locator("#groups-table .group-link")).ToHaveTextAsync(["db", "web"]);
        await page.Locator("#group-tag-filters .tag-filter-chip").Locator(".mud-chip-close-button").ClickAsync();
        await Assertions.Expect(page.Locator("#groups-table .group-link")).ToHaveTextAsync(["default", "batch", "db", "web"]);
        await page.WaitForURLAsync(url => url.EndsWith($"/t/{tenant}/groups", StringComparison.Ordinal));
        await Screenshots.SaveAsync(page, "groups-list-tags-dark");
        await page.Context.CloseAsync();

        // On a phone, light and dark.
        var phone = await app.NewPageAsync(390, 844);
        await AppFixture.SignInAsync(phone, adminEmail, PeopleSeeder.Password);
        await AppFixture.OpenAsync(phone, $"/t/{tenant}/groups");
        await Assertions.Expect(phone.Locator("#groups-table .group-tags .tag-chip")).ToHaveCountAsync(4);
        await Screenshots.SaveAsync(phone, "groups-list-tags-phone");
        await AddTagAsync(phone, "#group-tag-filter", "prod");
        await Assertions.Expect(phone.Locator("#groups-table .group-link")).ToHaveTextAsync(["db", "web"]);
        await Screenshots.SaveAsync(phone, "groups-list-tag-filter-phone");
        await AssertToolbarFieldsEndAboveTheListAsync(phone);
        await DarkAsync(phone);
        await Screenshots.SaveAsync(phone, "groups-list-tag-filter-phone-dark");
        await phone.Context.CloseAsync();

        // A reader sees the chips but no editing control.
        var reader = await app.NewPageAsync();
        await AppFixture.SignInAsync(reader, readerEmail, PeopleSeeder.Password);
        await AppFixture.OpenAsync(reader, $"/t/{tenant}/groups");
        await Assertions.Expect(reader.Locator("#groups-table .group-tags .tag-chip")).ToHaveCountAsync(4);
        await Assertions.Expect(reader.Locator("#groups-table .mud-chip-close-button")).ToHaveCountAsync(0);
        await AppFixture.OpenAsync(reader, $"/t/{tenant}/groups/{web.Id}");
        await Assertions.Expect(reader.Locator("#group-tags .tag-chip")).ToHaveTextAsync(["frontend", "prod"]);
        await Assertions.Expect(reader.Locator("#group-tag-input")).ToHaveCountAsync(0);
        await Assertions.Expect(reader.Locator("#group-tags .mud-chip-close-button")).ToHaveCountAsync(0);
        await Assertions.Expect(reader.Locator("#rules-grid .rule-tag")).ToHaveTextAsync(["ops"]);
        await Assertions.Expect(reader.Locator("#rules-grid .edit-rule-tags")).ToHaveCountAsync(0);
        await reader.Context.CloseAsync();
    }
}
