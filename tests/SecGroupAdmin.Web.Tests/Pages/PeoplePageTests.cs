using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Components.Pages.People;
using SecGroupAdmin.Web.Tenancy;

namespace SecGroupAdmin.Web.Tests.Pages;

public class PeoplePageTests : PageTestContext
{
    private Bunit.IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(Role who)
    {
        SignIn(As(who));
        var cut = RenderPage<PeoplePage>(("TenantName", "acme"));
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("#members-table, #not-authorized").Count > 0), TimeSpan.FromSeconds(5));
        return cut;
    }

    [Theory]
    [InlineData(Role.TenantAdmin, true)]
    [InlineData(Role.CloudAdmin, true)]
    [InlineData(Role.Member, false)]
    [InlineData(Role.Reader, false)]
    [InlineData(Role.Auditor, false)]
    public void Members_are_listed_and_only_tenant_admins_and_cloud_admins_get_controls(Role who, bool manages)
    {
        var cut = Open(who);
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".member-email").Count));
        Assert.Equal(manages, cut.FindAll("#add-member").Count == 1);
        Assert.Equal(manages ? 3 : 0, cut.FindAll(".remove-member").Count);
        Assert.Equal(manages ? 3 : 0, cut.FindComponents<MudSelect<string>>().Count);
        Assert.Equal(manages ? 0 : 3, cut.FindAll(".role-chip").Count);
        Assert.Equal(!manages, cut.FindAll("#read-only-note").Count == 1);
        // Admins first.
        Assert.Equal("admin@acme.test", cut.FindAll(".member-email")[0].TextContent);
    }

    [Fact]
    public void An_outsider_sees_the_friendly_not_authorized_view()
    {
        var cut = Open(Role.Outsider);
        Assert.Single(cut.FindAll("#not-authorized"));
        Assert.DoesNotContain("member@acme.test", cut.Markup);
    }

    [Fact]
    public async Task Tenant_admin_adds_an_existing_user_by_email_with_a_role()
    {
        var cut = Open(Role.TenantAdmin);
        cut.Find("#add-member").Click();
        cut.WaitForAssertion(() => cut.Find("#member-email"));
        cut.Find("#member-email").Input("outsider@other.test");
        await cut.InvokeAsync(() => cut.FindComponent<MudRadioGroup<string>>().Instance.ValueChanged.InvokeAsync(TenantRoles.Reader));
        cut.Find("#member-save").Click();
        // The seeded people have no password here, so the dialog offers the one-time link before closing.
        cut.WaitForAssertion(() => cut.Find("#invite-close"), TimeSpan.FromSeconds(5));
        cut.Find("#invite-close").Click();

        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll(".member-email").Count), TimeSpan.FromSeconds(5));
        await using var db = OpenDb();
        Assert.False(await db.Users.AnyAsync(u => u.NormalizedEmail == "OUTSIDER@OTHER.TEST" && u.Id != Outsider.Id));
        var membership = await db.Memberships.SingleAsync(m => m.TenantId == Acme.Id && m.UserId == Outsider.Id);
        Assert.Equal(TenantRoles.Reader, membership.Role);
        var audit = await db.AuditEntries.SingleAsync(a => a.ResourceType == "membership" && a.ResourceId == Outsider.Id);
        Assert.Equal(("create", "UI", Admin.Id, Acme.Id), (audit.Action, audit.Source, audit.ActorUserId, audit.TenantId));
    }

    [Fact]
    public async Task Inviting_a_new_person_shows_the_one_time_link_when_no_mail_is_configured()
    {
        var cut = Open(Role.TenantAdmin);
        cut.Find("#add-member").Click();
        cut.WaitForAssertion(() => cut.Find("#member-email"));
        cut.Find("#member-email").Input("nobody@nowhere.test");
        cut.Find("#member-save").Click();

        cut.WaitForAssertion(() => cut.Find("#invite-link"), TimeSpan.FromSeconds(5));
        var link = cut.Find("#invite-link").GetAttribute("value") ?? "";
        Assert.StartsWith("http://localhost/Account/ResetPassword?code=", link, StringComparison.Ordinal);
        Assert.Contains("nobody@nowhere.test", cut.Find("#invite-done").TextContent, StringComparison.Ordinal);
        await using (var db = OpenDb())
        {
            var user = await db.Users.SingleAsync(u => u.NormalizedEmail == "NOBODY@NOWHERE.TEST");
            Assert.Null(user.PasswordHash);
            Assert.Equal(TenantRoles.Member, (await db.Memberships.SingleAsync(m => m.UserId == user.Id && m.TenantId == Acme.Id)).Role);
        }
        cut.Find("#invite-close").Click();
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll(".member-email").Count), TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("", "Enter the person's email address.")]
    [InlineData("not-an-email", "is not an email address")]
    [InlineData("member@acme.test", "is already a member of acme")]
    public async Task Add_member_dialog_explains_bad_input(string email, string message)
    {
        var cut = Open(Role.TenantAdmin);
        cut.Find("#add-member").Click();
        cut.WaitForAssertion(() => cut.Find("#member-email"));
        cut.Find("#member-email").Input(email);
        cut.Find("#member-save").Click();
        cut.WaitForAssertion(() => Assert.Contains(message, cut.Markup), TimeSpan.FromSeconds(5));
        await using var db = OpenDb();
        Assert.Equal(3, await db.Memberships.CountAsync(m => m.TenantId == Acme.Id));
    }

    [Fact]
    public async Task Tenant_admin_changes_a_role_and_removes_a_member()
    {
        var cut = Open(Role.TenantAdmin);
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindComponents<MudSelect<string>>().Count));
        // Rows: admin, member, reader.
        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>()[1].Instance.ValueChanged.InvokeAsync(TenantRoles.Reader));
        await using (var db = OpenDb())
        {
            cut.WaitForAssertion(() => Assert.Equal(TenantRoles.Reader, OpenDb().Memberships.Single(m => m.UserId == Member.Id && m.TenantId == Acme.Id).Role));
            Assert.Single(db.AuditEntries.Where(a => a.ResourceType == "membership" && a.Action == "update" && a.ResourceId == Member.Id));
        }

        cut.FindAll(".remove-member")[2].Click();
        cut.WaitForAssertion(() => cut.Find("#confirm-ok"));
        Assert.Contains("Remove reader@acme.test", cut.Markup);
        cut.Find("#confirm-ok").Click();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".member-email").Count), TimeSpan.FromSeconds(5));
        await using var after = OpenDb();
        Assert.False(await after.Memberships.AnyAsync(m => m.UserId == Reader.Id && m.TenantId == Acme.Id));
    }

    [Fact]
    public async Task The_last_admin_can_be_neither_removed_nor_demoted()
    {
        var cut = Open(Role.TenantAdmin);
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".remove-member").Count));
        cut.FindAll(".remove-member")[0].Click();
        cut.WaitForAssertion(() => cut.Find("#confirm-ok"));
        cut.Find("#confirm-ok").Click();

        var service = Services.GetRequiredService<TenantAdministrationService>();
        var caller = await CallerAsync(Admin, Acme.Id);
        var demote = await Assert.ThrowsAsync<NeutronException>(() => service.ChangeMemberRoleAsync(caller, Acme.Id, Admin.Id, TenantRoles.Member));
        Assert.Equal(("LastTenantAdmin", 409), (demote.Error.Type, demote.Error.Status));

        await using var db = OpenDb();
        Assert.Equal(TenantRoles.Admin, (await db.Memberships.SingleAsync(m => m.UserId == Admin.Id && m.TenantId == Acme.Id)).Role);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.ResourceType == "membership"));
    }

    [Theory]
    [InlineData(Role.Member, "PolicyNotAuthorized")]
    [InlineData(Role.Reader, "PolicyNotAuthorized")]
    [InlineData(Role.Auditor, "PolicyNotAuthorized")]
    [InlineData(Role.Outsider, "HTTPNotFound")]
    public async Task The_service_refuses_membership_changes_to_everyone_but_admins(Role who, string errorType)
    {
        var service = Services.GetRequiredService<TenantAdministrationService>();
        var caller = await CallerAsync(As(who), Acme.Id);
        var add = await Assert.ThrowsAsync<NeutronException>(() => service.AddMemberAsync(caller, Acme.Id, "outsider@other.test", TenantRoles.Admin));
        var remove = await Assert.ThrowsAsync<NeutronException>(() => service.RemoveMemberAsync(caller, Acme.Id, Reader.Id));
        Assert.Equal(errorType, add.Error.Type);
        Assert.Equal(errorType, remove.Error.Type);
        await using var db = OpenDb();
        Assert.Equal(3, await db.Memberships.CountAsync(m => m.TenantId == Acme.Id));
    }

    [Fact]
    public async Task A_demoted_admin_cannot_act_on_a_caller_built_before_the_demotion()
    {
        var service = Services.GetRequiredService<TenantAdministrationService>();
        var stale = await CallerAsync(Admin, Acme.Id);
        await using (var db = OpenDb())
        {
            var m = await db.Memberships.SingleAsync(x => x.UserId == Admin.Id && x.TenantId == Acme.Id);
            m.Role = TenantRoles.Member;
            await db.SaveChangesAsync();
        }
        var refused = await Assert.ThrowsAsync<NeutronException>(() => service.RemoveMemberAsync(stale, Acme.Id, Reader.Id));
        Assert.Equal("PolicyNotAuthorized", refused.Error.Type);
    }
}
