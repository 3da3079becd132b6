using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Components.Pages.Admin;
using SecGroupAdmin.Web.Tenancy;

namespace SecGroupAdmin.Web.Tests.Pages;

public class TenantsAdminPageTests : PageTestContext
{
    private TenantAdministrationService Administration => Services.GetRequiredService<TenantAdministrationService>();

    private Bunit.IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(Role who)
    {
        SignIn(As(who));
        var cut = RenderPage<TenantsAdminPage>();
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("#tenants-table, #not-authorized").Count > 0), TimeSpan.FromSeconds(5));
        return cut;
    }

    [Theory]
    [InlineData(Role.TenantAdmin)]
    [InlineData(Role.Member)]
    [InlineData(Role.Reader)]
    [InlineData(Role.Auditor)]
    [InlineData(Role.Outsider)]
    public async Task Only_cloud_admins_see_the_page_and_the_service_refuses_everyone_else(Role who)
    {
        var cut = Open(who);
        Assert.Single(cut.FindAll("#not-authorized"));
        Assert.DoesNotContain("outsider@other.test", cut.Markup);

        var caller = await CallerAsync(As(who));
        Assert.Equal("PolicyNotAuthorized", (await Assert.ThrowsAsync<NeutronException>(() => Administration.CreateTenantAsync(caller, "x"))).Error.Type);
        Assert.Equal("PolicyNotAuthorized", (await Assert.ThrowsAsync<NeutronException>(() => Administration.GrantGlobalRoleAsync(caller, caller.UserId, TenantRoles.CloudAdmin))).Error.Type);
        Assert.Equal("PolicyNotAuthorized", (await Assert.ThrowsAsync<NeutronException>(() => Administration.UpdateQuotaAsync(caller, Acme.Id, 1, 1))).Error.Type);
        Assert.Equal("PolicyNotAuthorized", (await Assert.ThrowsAsync<NeutronException>(() => Administration.ListUsersAsync(caller))).Error.Type);
        await using var db = OpenDb();
        Assert.Equal(2, await db.Tenants.CountAsync());
    }

    [Fact]
    public void Cloud_admin_sees_tenants_with_counts_and_users_with_roles()
    {
        var cut = Open(Role.CloudAdmin);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".tenant-link").Count));
        Assert.Equal(["acme", "other"], cut.FindAll(".tenant-link").Select(e => e.TextContent));
        Assert.Single(cut.FindAll("#create-tenant"));
        Assert.Equal(2, cut.FindAll(".edit-tenant").Count);
        Assert.Contains("Users (6)", cut.Markup);
    }

    [Fact]
    public async Task Cloud_admin_creates_a_tenant_and_duplicates_are_explained()
    {
        var cut = Open(Role.CloudAdmin);
        cut.Find("#create-tenant").Click();
        cut.WaitForAssertion(() => cut.Find("#tenant-name"));
        cut.Find("#tenant-save").Click();
        cut.WaitForAssertion(() => Assert.Contains("A tenant needs a name.", cut.Markup));
        cut.Find("#tenant-name").Input("acme");
        cut.Find("#tenant-save").Click();
        cut.WaitForAssertion(() => Assert.Contains("A tenant named acme already exists.", cut.Markup), TimeSpan.FromSeconds(5));
        cut.Find("#tenant-name").Input("a/b");
        cut.WaitForAssertion(() => Assert.Contains("cannot contain", cut.Markup));
        cut.Find("#tenant-name").Input("globex");
        cut.Find("#tenant-save").Click();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".tenant-link").Count), TimeSpan.FromSeconds(5));

        await using var db = OpenDb();
        var tenant = await db.Tenants.SingleAsync(t => t.Name == "globex");
        var audit = await db.AuditEntries.SingleAsync(a => a.ResourceType == "tenant");
        Assert.Equal(("create", "UI", CloudAdmin.Id, tenant.Id), (audit.Action, audit.Source, audit.ActorUserId, audit.ResourceId));
    }

    [Fact]
    public async Task Cloud_admin_renames_a_tenant_and_edits_its_quotas()
    {
        var cut = Open(Role.CloudAdmin);
        cut.FindAll(".edit-tenant")[0].Click();
        cut.WaitForAssertion(() => cut.Find("#tenant-name"));
        var numbers = cut.FindComponents<MudNumericField<int>>();
        await cut.InvokeAsync(() => numbers[0].Instance.ValueChanged.InvokeAsync(-2));
        cut.WaitForAssertion(() => Assert.Contains("At least -1 (unlimited).", cut.Markup));
        await cut.InvokeAsync(() => numbers[0].Instance.ValueChanged.InvokeAsync(25));
        await cut.InvokeAsync(() => numbers[1].Instance.ValueChanged.InvokeAsync(-1));
        cut.Find("#tenant-name").Input("acme-corp");
        cut.Find("#tenant-save").Click();
        cut.WaitForAssertion(() => Assert.Contains("acme-corp", cut.Find(".tenant-link").TextContent), TimeSpan.FromSeconds(5));
        Assert.Contains("unlimited", cut.Markup);

        await using var db = OpenDb();
        var tenant = await db.Tenants.SingleAsync(t => t.Id == Acme.Id);
        Assert.Equal(("acme-corp", 25, -1), (tenant.Name, tenant.SecurityGroupQuota, tenant.SecurityGroupRuleQuota));
        Assert.Single(db.AuditEntries.Where(a => a.ResourceType == "tenant" && a.Action == "update"));
        Assert.Single(db.AuditEntries.Where(a => a.ResourceType == "quota" && a.Source == "UI"));
    }

    private static void ShowUsers(Bunit.IRenderedComponent<Bunit.Rendering.ContainerFragment> cut)
    {
        cut.FindAll(".mud-tab").First(t => t.TextContent.Contains("Users")).Click();
        cut.WaitForAssertion(() => cut.Find("#users-table"));
    }

    [Fact]
    public async Task Cloud_admin_creates_a_user_who_can_sign_in_and_bad_input_is_explained()
    {
        var cut = Open(Role.CloudAdmin);
        ShowUsers(cut);
        cut.Find("#create-user").Click();
        cut.WaitForAssertion(() => cut.Find("#user-email"));
        cut.Find("#user-email").Input("nope");
        cut.WaitForAssertion(() => Assert.Contains("is not an email address", cut.Markup));
        cut.Find("#user-email").Input("member@acme.test");
        cut.Find("#user-password").Input("Str0ng-Passw0rd!");
        cut.Find("#user-save").Click();
        cut.WaitForAssertion(() => Assert.Contains("already exists", cut.Markup), TimeSpan.FromSeconds(5));
        cut.Find("#user-email").Input("new@acme.test");
        cut.Find("#user-password").Input("short");
        cut.Find("#user-save").Click();
        cut.WaitForAssertion(() => Assert.Contains("Passwords must", cut.Markup), TimeSpan.FromSeconds(5));
        await using (var db = OpenDb())
        {
            Assert.False(await db.Users.AnyAsync(u => u.Email == "new@acme.test"));
            Assert.False(await db.AuditEntries.AnyAsync(a => a.ResourceType == "user"));
        }

        cut.Find("#user-password").Input("Str0ng-Passw0rd!");
        cut.Find("#user-save").Click();
        cut.WaitForAssertion(() => Assert.Contains("Users (7)", cut.Markup), TimeSpan.FromSeconds(5));

        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync("new@acme.test");
        Assert.NotNull(user);
        Assert.True(await users.CheckPasswordAsync(user, "Str0ng-Passw0rd!"));
        await using var after = OpenDb();
        var audit = await after.AuditEntries.SingleAsync(a => a.ResourceType == "user");
        Assert.Equal((user.Id, "UI"), (audit.ResourceId, audit.Source));
        Assert.DoesNotContain("Str0ng", audit.AfterJson);
    }

    [Fact]
    public async Task Cloud_admin_grants_and_revokes_global_roles_and_locks_users()
    {
        var cut = Open(Role.CloudAdmin);
        ShowUsers(cut);
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll(".role-toggle")));
        // Users sorted by email: admin, auditor, cloud, member, outsider, reader. Grant Auditor to member@.
        var memberRow = cut.FindAll("tr").First(r => r.TextContent.Contains("member@acme.test"));
        memberRow.QuerySelector(".role-auditor")!.Click();
        cut.WaitForAssertion(() => cut.Find("#confirm-ok"));
        cut.Find("#confirm-ok").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.FindAll("tr").First(r => r.TextContent.Contains("member@acme.test")).QuerySelector(".role-auditor.held")), TimeSpan.FromSeconds(5));
        Assert.True((await CallerAsync(Member)).IsAuditor);

        memberRow = cut.FindAll("tr").First(r => r.TextContent.Contains("member@acme.test"));
        memberRow.QuerySelector(".lock-user")!.Click();
        cut.WaitForAssertion(() => cut.Find("#confirm-ok"));
        cut.Find("#confirm-ok").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.FindAll("tr").First(r => r.TextContent.Contains("member@acme.test")).QuerySelector(".unlock-user")), TimeSpan.FromSeconds(5));

        await using var db = OpenDb();
        var member = await db.Users.SingleAsync(u => u.Id == Member.Id);
        Assert.True(member.LockoutEnd > DateTimeOffset.UtcNow);
        Assert.NotNull(member.AdminLockedAt);
        Assert.Single(db.AuditEntries.Where(a => a.ResourceType == "role" && a.Action == "create" && a.Source == "UI"));
        Assert.Single(db.AuditEntries.Where(a => a.ResourceType == "user" && a.Action == "update"));
        // No lock button for oneself.
        Assert.Null(cut.FindAll("tr").First(r => r.TextContent.Contains("cloud@ops.test")).QuerySelector(".lock-user"));
    }

    [Fact]
    public async Task The_last_cloud_admin_keeps_the_role()
    {
        var caller = await CallerAsync(CloudAdmin);
        var refused = await Assert.ThrowsAsync<NeutronException>(() => Administration.RevokeGlobalRoleAsync(caller, CloudAdmin.Id, TenantRoles.CloudAdmin));
        Assert.Equal("LastCloudAdmin", refused.Error.Type);
        Assert.True((await CallerAsync(CloudAdmin)).IsCloudAdmin);
    }
}
