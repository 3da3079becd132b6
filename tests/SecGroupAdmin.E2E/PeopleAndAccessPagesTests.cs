using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Ports;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Tenancy;

namespace SecGroupAdmin.E2E;

[Collection(AppCollection.Name)]
public class PeopleAndAccessPagesTests(AppFixture app)
{
    private const string Tenant = "e2e-people";

    /// <summary>Seeds a tenant with members, groups and ports through the app's own services, as the CloudAdmin.</summary>
    private async Task SeedAsync()
    {
        var services = app.Factory.Services;
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = await users.FindByEmailAsync(AppFixture.AdminEmail) ?? throw new InvalidOperationException("no bootstrapped admin");
        var callers = services.GetRequiredService<CallerFactory>();
        var administration = services.GetRequiredService<TenantAdministrationService>();
        var groups = services.GetRequiredService<SecurityGroupService>();
        var ports = services.GetRequiredService<PortService>();
        var cloud = (await callers.CreateAsync(admin.Id, null, ChangeSource.UI))!;

        var tenant = await administration.CreateTenantAsync(cloud, Tenant);
        await administration.AddMemberAsync(cloud, tenant.Id, AppFixture.AdminEmail, TenantRoles.Admin);
        foreach (var (email, role) in new[] { ("dana@e2e.test", TenantRoles.Member), ("reese@e2e.test", TenantRoles.Reader) })
        {
            await administration.CreateUserAsync(cloud, email, "E2e-User-Passw0rd!", email.Split('@')[0].ToUpperInvariant());
            await administration.AddMemberAsync(cloud, tenant.Id, email, role);
        }
        var auditor = await administration.CreateUserAsync(cloud, "audra@e2e.test", "E2e-User-Passw0rd!");
        await administration.GrantGlobalRoleAsync(cloud, auditor.Id, TenantRoles.Auditor);

        var inTenant = (await callers.CreateAsync(admin.Id, tenant.Id, ChangeSource.UI))!;
        var web = await groups.CreateGroupAsync(inTenant, GroupCreateRequest.FromForm("web", "HTTP(S) from anywhere") with { ProjectId = tenant.Id });
        var db = await groups.CreateGroupAsync(inTenant, GroupCreateRequest.FromForm("db", "Postgres from web") with { ProjectId = tenant.Id });
        await groups.CreateGroupAsync(inTenant, GroupCreateRequest.FromForm("raw-udp", "stateless", stateful: false) with { ProjectId = tenant.Id });
        await ports.CreatePortAsync(inTenant, new PortCreateRequest { Name = "web-1", NetworkId = "net-frontend", SecurityGroupIds = [web.Id], ProjectId = tenant.Id });
        await ports.CreatePortAsync(inTenant, new PortCreateRequest { Name = "db-1", NetworkId = "net-backend", SecurityGroupIds = [db.Id, web.Id], ProjectId = tenant.Id });
        await ports.CreatePortAsync(inTenant, new PortCreateRequest { Name = "router-gw", NetworkId = "net-frontend", DeviceOwner = "network:router_gateway", ProjectId = tenant.Id });
        await ports.CreatePortAsync(inTenant, new PortCreateRequest { Name = "", NetworkId = "net-lab", PortSecurityEnabled = false, ProjectId = tenant.Id });
    }

    private async Task<IPage> SignInAsync(int width = 1366, int height = 800)
    {
        var page = await app.NewPageAsync(width, height);
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("input[name='Input.Email']", AppFixture.AdminEmail);
        await page.FillAsync("input[name='Input.Password']", AppFixture.AdminPassword);
        await page.ClickAsync("button[type='submit']");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login"));
        return page;
    }

    private static async Task VisitAsync(IPage page, string path, string readySelector)
    {
        await page.GotoAsync(path);
        await AppFixture.WaitForInteractiveAsync(page);
        await page.WaitForSelectorAsync(readySelector, new() { Timeout = 20000 });
        await page.WaitForTimeoutAsync(300); // let ripples and transitions settle for the screenshot
    }

    [Fact]
    public async Task Signed_in_admin_visits_ports_people_tokens_and_admin_pages()
    {
        await SeedAsync();
        var page = await SignInAsync();

        await VisitAsync(page, $"/t/{Tenant}/ports", ".port-name");
        await Assertions.Expect(page.Locator(".port-name")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("#ports-table")).ToContainTextAsync("db-1");
        await Screenshots.SaveAsync(page, "ports");

        // The groups dialog refuses a stateful + stateless mix with the service's reason.
        await page.Locator("tr", new() { HasText = "web-1" }).Locator(".edit-port-groups").ClickAsync();
        await page.ClickAsync("#port-groups");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "raw-udp" }).ClickAsync();
        // Close the list by clicking outside it (on its overlay), as a person would.
        await page.Locator(".mud-dialog .mud-dialog-title").ClickAsync(new() { Force = true });
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.ClickAsync("#port-save");
        await Assertions.Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Cannot apply both stateful and stateless");
        await Screenshots.SaveAsync(page, "ports-mixed-groups-refused");
        await page.Locator(".mud-dialog button", new() { HasText = "Cancel" }).ClickAsync();

        await VisitAsync(page, $"/t/{Tenant}/people", ".member-email");
        await Assertions.Expect(page.Locator(".member-email")).ToHaveCountAsync(3);
        await Screenshots.SaveAsync(page, "people");

        await VisitAsync(page, "/account/tokens", "#tokens-table");
        await page.ClickAsync("#create-token");
        await page.Locator(".mud-dialog .mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = Tenant }).ClickAsync();
        await page.FillAsync("#token-name", "ci-pipeline");
        await page.ClickAsync("#token-save");
        await Assertions.Expect(page.Locator("#curl-example")).ToContainTextAsync("X-Auth-Token: sga_");
        await Screenshots.SaveAsync(page, "token-secret");
        var secret = await page.InputValueAsync("#token-secret");
        Assert.StartsWith("sga_", secret);
        // The secret really works against the API.
        var response = await page.APIRequest.GetAsync("/v2.0/security-groups", new() { Headers = new Dictionary<string, string> { ["X-Auth-Token"] = secret } });
        Assert.Equal(200, response.Status);
        await page.ClickAsync("#secret-done");
        await Assertions.Expect(page.Locator(".token-name")).ToContainTextAsync("ci-pipeline");
        await Screenshots.SaveAsync(page, "tokens");

        await VisitAsync(page, "/admin/tenants", ".tenant-link");
        await Assertions.Expect(page.Locator("#tenants-table")).ToContainTextAsync(Tenant);
        await Screenshots.SaveAsync(page, "admin-tenants");
        await page.Locator(".mud-tab", new() { HasText = "Users" }).ClickAsync();
        await page.WaitForSelectorAsync(".user-email");
        await Screenshots.SaveAsync(page, "admin-users");

        await VisitAsync(page, "/admin/default-rules", "#default-rules-table tbody tr");
        await Assertions.Expect(page.Locator("#default-rules-table")).ToContainTextAsync("the new group itself");
        await Screenshots.SaveAsync(page, "admin-default-rules");

        // Dark mode and a phone-sized screen.
        await VisitAsync(page, $"/t/{Tenant}/people", ".member-email");
        await page.ClickAsync("#theme-toggle");
        await page.WaitForTimeoutAsync(300);
        await Screenshots.SaveAsync(page, "people-dark");
        // The theme chosen holds on a page loaded afterwards (the theme cookie).
        await VisitAsync(page, "/admin/default-rules", "#default-rules-table tbody tr");
        await page.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)'");
        await page.WaitForTimeoutAsync(300);
        await Screenshots.SaveAsync(page, "admin-default-rules-dark");

        var phone = await SignInAsync(390, 844);
        await VisitAsync(phone, $"/t/{Tenant}/ports", ".port-name");
        await Screenshots.SaveAsync(phone, "ports-phone");
        await VisitAsync(phone, "/admin/default-rules", "#default-rules-table tbody tr");
        await Screenshots.SaveAsync(phone, "admin-default-rules-phone");
    }

    [Fact]
    public async Task A_reader_sees_read_only_pages_and_no_admin_page()
    {
        var page = await app.NewPageAsync();
        // The auditor is created by the other test's seed only when it ran first; create one here when missing.
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            if (await users.FindByEmailAsync("rita@e2e.test") is null)
            {
                await users.CreateAsync(new ApplicationUser { UserName = "rita@e2e.test", Email = "rita@e2e.test", EmailConfirmed = true }, "E2e-User-Passw0rd!");
            }
        }
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("input[name='Input.Email']", "rita@e2e.test");
        await page.FillAsync("input[name='Input.Password']", "E2e-User-Passw0rd!");
        await page.ClickAsync("button[type='submit']");
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login"));

        await VisitAsync(page, "/admin/tenants", "#not-authorized");
        await Screenshots.SaveAsync(page, "admin-not-authorized");
        await VisitAsync(page, "/admin/default-rules", "#not-authorized");
        Assert.Equal(0, await page.Locator("#nav-default-rules").CountAsync());
        await VisitAsync(page, "/account/tokens", "#no-tenants");
        await Screenshots.SaveAsync(page, "tokens-no-tenants");
    }
}
