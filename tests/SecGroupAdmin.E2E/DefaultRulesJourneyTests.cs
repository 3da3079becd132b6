using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.DefaultRules;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.E2E;

/// <summary>
/// Default rules in the real app in Chromium: a CloudAdmin adds a template rule with the app's rule dialog, sees that an
/// existing tenant's group lacks it (drift), applies the template to that tenant after confirming, and finds the rule
/// on the group's page; screenshots at desktop and phone size, light and dark.
/// </summary>
[Collection(AppCollection.Name)]
public class DefaultRulesJourneyTests(AppFixture app)
{
    // Sorts before every other tenant of the shared app, so it is on the drift report's first page.
    private const string TenantName = "a-drift-e2e";

    /// <summary>The tenant with one group made from the template as it is now (two egress rules).</summary>
    private async Task<string> SeedGroupAsync()
    {
        var tenant = await app.People.TenantAsync(TenantName);
        var services = app.Factory.Services;
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = await users.FindByEmailAsync(AppFixture.AdminEmail) ?? throw new InvalidOperationException("no bootstrapped admin");
        var inTenant = (await services.GetRequiredService<CallerFactory>().CreateAsync(admin.Id, tenant.Id, ChangeSource.UI))!;
        var group = await services.GetRequiredService<SecurityGroupService>().CreateGroupAsync(inTenant,
            GroupCreateRequest.FromForm("legacy-web", "made before the template changed") with { ProjectId = tenant.Id });
        return group.Id;
    }

    /// <summary>Switches the page to dark mode and waits until the theme has changed.</summary>
    private static async Task DarkAsync(IPage page)
    {
        await page.ClickAsync("#theme-toggle");
        await page.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)'");
    }

    [Fact]
    public async Task Add_a_template_rule_with_the_dialog_see_the_drift_apply_it_and_find_the_rule_on_the_group()
    {
        var groupId = await SeedGroupAsync();
        var page = await app.NewPageAsync();
        try
        {
            await AppFixture.SignInAsync(page);
            await AppFixture.OpenAsync(page, "/admin/default-rules");
            await page.WaitForSelectorAsync("#default-rules-table tbody tr");

            // The app's rule dialog, in its default-rule form: the validator's message under the field as you type.
            await page.ClickAsync("#dr-add");
            await page.FillAsync("#rule-port", "8443");
            await page.FillAsync("#rule-cidr", "10.20.0.300/16");
            await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("10.20.0.300/16");
            await Assertions.Expect(page.Locator("#rule-save")).ToBeDisabledAsync();
            await page.FillAsync("#rule-cidr", "10.20.0.0/16");
            await page.FillAsync("#rule-description", "metrics from the monitoring network");
            await Assertions.Expect(page.Locator("#rule-preview")).ToContainTextAsync("8443/tcp from 10.20.0.0/16, in new groups other than default");
            await Screenshots.SaveAsync(page, "default-rule-dialog");
            await page.ClickAsync("#rule-save");
            await Assertions.Expect(page.Locator("#default-rules-table tbody tr", new() { HasText = "8443" })).ToContainTextAsync("10.20.0.0/16");

            // Drift: the tenant's existing group lacks the new rule.
            var row = page.Locator("#drift-table tbody tr", new() { HasText = TenantName });
            await Assertions.Expect(row.Locator(".drift-groups")).ToHaveTextAsync("1", new() { Timeout = 20000 });
            await Assertions.Expect(row.Locator(".drift-missing")).ToHaveTextAsync("1");
            await row.Locator(".drift-show").ClickAsync();
            var groups = page.Locator("#drift-groups");
            await Assertions.Expect(groups.Locator(".drift-group-name")).ToHaveTextAsync("legacy-web");
            await Assertions.Expect(groups.Locator(".drift-missing-rule")).ToContainTextAsync("8443/tcp from 10.20.0.0/16");
            await page.WaitForTimeoutAsync(300);
            await Screenshots.SaveAsync(page, "admin-default-rules-drift");

            // Apply, after confirming: one change for the tenant, the result said on the page.
            await row.Locator(".drift-apply").ClickAsync();
            await Assertions.Expect(page.Locator("#confirm-message")).ToContainTextAsync($"Add 1 missing template rule to 1 group of {TenantName}");
            await page.ClickAsync("#confirm-ok");
            await Assertions.Expect(page.Locator("#drift-apply-result")).ToContainTextAsync($"{TenantName}: added 1 rule to 1 group.");
            await Assertions.Expect(page.Locator("#drift-table tbody tr", new() { HasText = TenantName })).ToHaveCountAsync(0);
            await Screenshots.SaveAsync(page, "admin-default-rules-applied");
            await DarkAsync(page);
            await page.WaitForTimeoutAsync(300);
            await Screenshots.SaveAsync(page, "admin-default-rules-applied-dark");

            // The group now has the rule.
            await AppFixture.OpenAsync(page, $"/t/{TenantName}/groups/{groupId}");
            await Assertions.Expect(page.Locator("#rules-grid")).ToContainTextAsync("ALLOW IPv4 8443/tcp from 10.20.0.0/16");

            // Phone size, light and dark, with the dialog open too.
            var phone = await app.NewPageAsync(390, 844);
            await AppFixture.SignInAsync(phone);
            await AppFixture.OpenAsync(phone, "/admin/default-rules");
            await phone.WaitForSelectorAsync("#drift-table, #drift-none", new() { Timeout = 20000 });
            await phone.WaitForTimeoutAsync(300);
            await Screenshots.SaveAsync(phone, "admin-default-rules-drift-phone");
            await DarkAsync(phone);
            await phone.WaitForTimeoutAsync(300);
            await Screenshots.SaveAsync(phone, "admin-default-rules-drift-phone-dark");
            await phone.ClickAsync("#dr-add");
            await phone.Locator("#rule-remote .mud-chip", new() { HasText = "The group itself" }).ClickAsync();
            await Assertions.Expect(phone.Locator("#rule-remote-parent")).ToBeVisibleAsync();
            await phone.WaitForTimeoutAsync(300);
            await Screenshots.SaveAsync(phone, "default-rule-dialog-phone-dark");
            await phone.Context.CloseAsync();
        }
        finally
        {
            // The app is shared by the collection: the template goes back to what the other tests expect.
            await RemoveTemplateRuleAsync(8443);
            await page.Context.CloseAsync();
        }
    }

    private async Task RemoveTemplateRuleAsync(int port)
    {
        var services = app.Factory.Services;
        var rules = services.GetRequiredService<DefaultRuleService>();
        foreach (var rule in (await rules.ListAsync(Caller.SystemOperator(ChangeSource.CLI))).Where(r => r.PortRangeMin == port))
        {
            await rules.DeleteAsync(Caller.SystemOperator(ChangeSource.CLI), rule.Id);
        }
    }
}
