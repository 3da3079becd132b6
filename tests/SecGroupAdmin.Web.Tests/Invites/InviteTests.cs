using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Invites;
using SecGroupAdmin.Web.Tenancy;

namespace SecGroupAdmin.Web.Tests.Invites;

/// <summary>The real app over Kestrel with tenant "acme": an admin, a member and a reader.</summary>
public sealed class InviteHost : IAsyncLifetime
{
    public TestAppHost Host { get; private set; } = default!;
    public string Acme { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Host = TestAppHost.Start();
        Acme = (await Host.People.TenantAsync("acme")).Id;
        await Host.People.PersonAsync("admin@invite.test", Role.TenantAdmin, "acme");
        await Host.People.PersonAsync("member@invite.test", Role.Member, "acme");
        await Host.People.PersonAsync("reader@invite.test", Role.Reader, "acme");
    }

    public async Task<Caller> CallerAsync(string email)
    {
        var user = await Host.People.PersonAsync(email, Role.Outsider);
        return await Host.People.CallerAsync(user, "acme", ChangeSource.UI);
    }

    public TenantAdministrationService Administration => Host.Services.GetRequiredService<TenantAdministrationService>();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public class InviteTests(InviteHost fixture) : IClassFixture<InviteHost>
{
    [Fact]
    public async Task A_tenant_admin_invites_a_new_person_user_without_password_membership_and_audit()
    {
        var admin = await fixture.CallerAsync("admin@invite.test");

        var invite = await fixture.Administration.InviteMemberAsync(admin, fixture.Acme, " new.person@invite.test ", "Reader");

        Assert.True(invite.CreatedUser);
        Assert.NotNull(invite.PasswordToken);
        Assert.Equal(("new.person@invite.test", TenantRoles.Reader), (invite.Member.Email, invite.Member.Role));
        await using var db = await fixture.Host.DbAsync();
        var user = await db.Users.SingleAsync(u => u.NormalizedEmail == "NEW.PERSON@INVITE.TEST");
        Assert.Null(user.PasswordHash);
        Assert.Equal(TenantRoles.Reader, (await db.Memberships.SingleAsync(m => m.UserId == user.Id && m.TenantId == fixture.Acme)).Role);
        var audit = await db.AuditEntries.Where(a => a.ResourceId == user.Id).ToListAsync();
        Assert.Contains(audit, a => (a.ResourceType, a.Action, a.ActorUserId) == ("user", "create", admin.UserId));
        Assert.Contains(audit, a => (a.ResourceType, a.Action, a.ActorUserId, a.TenantId) == ("membership", "create", admin.UserId, fixture.Acme));
    }

    [Fact]
    public async Task Inviting_someone_with_an_account_reuses_it_and_gives_no_link()
    {
        var admin = await fixture.CallerAsync("admin@invite.test");
        var existing = await fixture.Host.People.PersonAsync("existing@invite.test", Role.Outsider);

        var invite = await fixture.Administration.InviteMemberAsync(admin, fixture.Acme, "existing@invite.test", TenantRoles.Member);

        Assert.False(invite.CreatedUser);
        Assert.Null(invite.PasswordToken);
        Assert.Equal(existing.Id, invite.Member.UserId);
        var again = await Assert.ThrowsAsync<NeutronException>(() => fixture.Administration.InviteMemberAsync(admin, fixture.Acme, "existing@invite.test", TenantRoles.Member));
        Assert.Equal(409, again.Error.Status);
    }

    [Theory]
    [InlineData("member@invite.test")]
    [InlineData("reader@invite.test")]
    public async Task Members_and_readers_cannot_invite(string who)
    {
        var caller = await fixture.CallerAsync(who);
        var email = $"by-{who}";

        var refused = await Assert.ThrowsAsync<NeutronException>(() => fixture.Administration.InviteMemberAsync(caller, fixture.Acme, email, TenantRoles.Admin));

        Assert.Equal(("PolicyNotAuthorized", 403), (refused.Error.Type, refused.Error.Status));
        await using var db = await fixture.Host.DbAsync();
        var normalized = email.ToUpperInvariant();
        Assert.False(await db.Users.AnyAsync(u => u.NormalizedEmail == normalized));
    }

    [Fact]
    public async Task The_invite_link_sets_the_password_once_and_the_invited_person_signs_in()
    {
        const string email = "linked@invite.test";
        const string password = "Invited-Passw0rd!";
        var admin = await fixture.CallerAsync("admin@invite.test");
        var invite = await fixture.Administration.InviteMemberAsync(admin, fixture.Acme, email, TenantRoles.Member);
        var link = "/" + InviteLinks.PathFor(invite.PasswordToken!);
        Assert.StartsWith("/Account/ResetPassword?code=", link, StringComparison.Ordinal);

        using var stranger = new AccountBrowser(fixture.Host.BaseUrl);
        Assert.False(await stranger.SignInAsync(email, ""), "no password before the link is used");
        var first = await stranger.SubmitAsync(link, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.EndsWith("Account/ResetPasswordConfirmation", first.Headers.Location!.OriginalString, StringComparison.Ordinal);

        using var second = new AccountBrowser(fixture.Host.BaseUrl);
        var reuse = await second.SubmitAsync(link, new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = "Another-Passw0rd!",
            ["Input.ConfirmPassword"] = "Another-Passw0rd!",
        });
        Assert.Equal(HttpStatusCode.OK, reuse.StatusCode);
        Assert.Contains("Invalid token", await reuse.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var invited = new AccountBrowser(fixture.Host.BaseUrl);
        Assert.False(await invited.SignInAsync(email, "Another-Passw0rd!"));
        Assert.True(await invited.SignInAsync(email, password));
    }

    [Fact]
    public async Task An_expired_invite_link_is_refused()
    {
        await using var host = TestAppHost.Start(new TestAppOptions
        {
            Settings = new Dictionary<string, string> { ["Identity:InviteLinkLifetime"] = "00:00:01" },
        });
        await host.People.TenantAsync("acme");
        var admin = await host.People.CallerAsync(await host.People.PersonAsync("admin@invite.test", Role.TenantAdmin, "acme"), "acme", ChangeSource.UI);
        var invite = await host.Services.GetRequiredService<TenantAdministrationService>()
            .InviteMemberAsync(admin, admin.TenantId, "late@invite.test", TenantRoles.Reader);
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        using var browser = new AccountBrowser(host.BaseUrl);
        var late = await browser.SubmitAsync("/" + InviteLinks.PathFor(invite.PasswordToken!), new Dictionary<string, string>
        {
            ["Input.Email"] = "late@invite.test",
            ["Input.Password"] = "Late-Passw0rd!",
            ["Input.ConfirmPassword"] = "Late-Passw0rd!",
        });

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("Invalid token", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = await host.DbAsync();
        Assert.Null((await db.Users.SingleAsync(u => u.NormalizedEmail == "LATE@INVITE.TEST")).PasswordHash);
    }
}
