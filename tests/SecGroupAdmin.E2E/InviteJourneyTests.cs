using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Tenancy;

namespace SecGroupAdmin.E2E;

/// <summary>Invite-only sign-up in Chromium: a tenant admin invites, the invitee opens the link in a fresh browser context.</summary>
[Collection(AppCollection.Name)]
public class InviteJourneyTests(AppFixture app)
{
    private const string Tenant = "e2e-invite";
    private const string Invitee = "ivy@e2e.test";
    private const string InviteePassword = "Ivy-Passw0rd!";

    [Fact]
    public async Task Admin_invites_and_the_invitee_sets_a_password_signs_in_and_sees_the_tenant()
    {
        var services = app.Factory.Services;
        await using (var scope = services.CreateAsyncScope())
        {
            var admin = await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(AppFixture.AdminEmail)
                ?? throw new InvalidOperationException("no bootstrapped admin");
            var cloud = (await services.GetRequiredService<CallerFactory>().CreateAsync(admin.Id, null, ChangeSource.UI))!;
            var administration = services.GetRequiredService<TenantAdministrationService>();
            var tenant = await administration.CreateTenantAsync(cloud, Tenant);
            await administration.AddMemberAsync(cloud, tenant.Id, AppFixture.AdminEmail, TenantRoles.Admin);
        }

        var adminPage = await app.NewPageAsync();
        await AppFixture.SignInAsync(adminPage);
        await AppFixture.OpenAsync(adminPage, $"/t/{Tenant}/people");
        await adminPage.ClickAsync("#add-member");
        await adminPage.FillAsync("#member-email", Invitee);
        await adminPage.ClickAsync("#member-save");
        var link = await adminPage.Locator("#invite-link").InputValueAsync(new() { Timeout = 20000 });
        Assert.StartsWith($"{app.BaseUrl}/Account/ResetPassword?code=", link, StringComparison.Ordinal);

        var invitee = await app.NewPageAsync();
        await invitee.GotoAsync(link);
        await invitee.FillAsync("input[name='Input.Email']", Invitee);
        await invitee.FillAsync("input[name='Input.Password']", InviteePassword);
        await invitee.FillAsync("input[name='Input.ConfirmPassword']", InviteePassword);
        await invitee.ClickAsync("button[type='submit']");
        await invitee.WaitForURLAsync(url => url.Contains("/Account/ResetPasswordConfirmation", StringComparison.Ordinal));

        await AppFixture.SignInAsync(invitee, Invitee, InviteePassword);
        await AppFixture.OpenAsync(invitee, $"/t/{Tenant}/people");
        await Assertions.Expect(invitee.Locator("#page-title")).ToHaveTextAsync("People and access");
        await Assertions.Expect(invitee.Locator("#members-table")).ToContainTextAsync(Invitee);
        await Assertions.Expect(invitee.Locator("#read-only-note")).ToBeVisibleAsync();
    }
}
