using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.E2E;

/// <summary>An auditor reads everything, changes nothing, and finds a tenant admin's change in the audit log with its diff.</summary>
[Collection(AppCollection.Name)]
public class AuditorFlowTests(AppFixture app)
{
    [Fact]
    public async Task Auditor_sees_no_edit_control_and_finds_the_change_with_its_diff()
    {
        var service = app.Factory.Services.GetRequiredService<SecurityGroupService>();
        var alice = await app.People.PersonAsync("flow-alice@e2e.test", Role.TenantAdmin, "demo");
        var caller = await app.People.CallerAsync(alice, "demo", SecGroupAdmin.Web.Auth.ChangeSource.UI);
        var name = "audited-" + Guid.NewGuid().ToString("N")[..6];
        var group = await service.CreateGroupAsync(caller, GroupCreateRequest.FromForm(name, "before"));
        await service.UpdateGroupAsync(caller, group.Id, new GroupUpdateRequest { Description = InputValue.FromString("after") });

        await app.People.PersonAsync("flow-auditor@e2e.test", Role.Auditor);
        var page = await app.NewPageAsync();
        await AppFixture.SignInAsync(page, "flow-auditor@e2e.test", PeopleSeeder.Password);

        // The groups list and a group's page: everything visible, nothing editable.
        await AppFixture.OpenAsync(page, "/t/demo/groups");
        await Assertions.Expect(page.Locator("#groups-table")).ToContainTextAsync(name);
        await Assertions.Expect(page.Locator("#create-group")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".edit-group, .delete-group")).ToHaveCountAsync(0);
        await AppFixture.OpenAsync(page, $"/t/demo/groups/{group.Id}");
        await Assertions.Expect(page.Locator("#read-only-badge")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#add-rule, #edit-group, .edit-rule, .delete-rule")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "auditor-group-read-only");

        // The change is in the audit log, with who did it and a before/after diff.
        await AppFixture.OpenAsync(page, "/operator/audit");
        var row = page.Locator("#audit-table tr", new() { HasText = "update" }).Filter(new() { HasText = "flow-alice@e2e.test" }).First;
        await Assertions.Expect(row).ToBeVisibleAsync();
        await row.Locator(".expand-entry").ClickAsync();
        var change = page.Locator(".audit-diff tr[data-field='description']").First;
        await Assertions.Expect(change).ToContainTextAsync("before");
        await Assertions.Expect(change).ToContainTextAsync("after");
        await Screenshots.SaveAsync(page, "auditor-audit-diff");
    }
}
