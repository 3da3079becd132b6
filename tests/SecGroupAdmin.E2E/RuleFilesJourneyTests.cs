using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.E2E;

/// <summary>#16's export and import in Chromium: a group's rules downloaded as JSON from its page, then imported into another group through the dialog.</summary>
[Collection(AppCollection.Name)]
public class RuleFilesJourneyTests(AppFixture app)
{
    private const string Tenant = "files-e2e";

    [Fact]
    public async Task Export_as_json_then_import_into_another_group()
    {
        await app.People.TenantAsync(Tenant);
        var user = await app.People.PersonAsync("files-admin@e2e.test", Role.TenantAdmin, Tenant);
        var caller = await app.People.CallerAsync(user, Tenant);
        var service = app.Factory.Services.GetRequiredService<SecurityGroupService>();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var source = await service.CreateGroupAsync(caller, GroupCreateRequest.FromForm("src-" + suffix, "", startEmpty: true));
        var target = await service.CreateGroupAsync(caller, GroupCreateRequest.FromForm("dst-" + suffix, "", startEmpty: true));
        await service.CreateRulesAsync(caller, [
            RuleInput.FromForm(source.Id, "ingress", "IPv4", "tcp", 443, 443, "0.0.0.0/0", null, "https"),
            RuleInput.FromForm(source.Id, "ingress", "IPv4", "tcp", 22, 22, "10.0.0.0/8", null, "ssh, admins"),
        ]);
        var page = await app.NewPageAsync();
        await AppFixture.SignInAsync(page, "files-admin@e2e.test", PeopleSeeder.Password);

        await AppFixture.OpenAsync(page, $"/t/{Tenant}/groups/{source.Id}");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-rules-json"));
        var path = await download.PathAsync();
        var json = await File.ReadAllTextAsync(path!);
        Assert.Contains("\"security_group_rules\"", json, StringComparison.Ordinal);
        Assert.Contains("ssh, admins", json, StringComparison.Ordinal);

        await AppFixture.OpenAsync(page, $"/t/{Tenant}/groups/{target.Id}");
        await page.ClickAsync("#import-rules");
        await page.FillAsync("#import-text-input", json);
        await page.ClickAsync("#import-check");
        await Assertions.Expect(page.Locator("#import-summary")).ToContainTextAsync("Will add 2 · already present 0 · invalid 0");
        await page.ClickAsync("#import-apply");
        await Assertions.Expect(page.Locator("#rules-grid")).ToContainTextAsync("ssh, admins");
        await Assertions.Expect(page.Locator("#rules-grid")).ToContainTextAsync("443");
        Assert.Equal(2, (await service.GetGroupAsync(caller, target.Id)).Rules.Count);
        await page.Context.CloseAsync();
    }
}
