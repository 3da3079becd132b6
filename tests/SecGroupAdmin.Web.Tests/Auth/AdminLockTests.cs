using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Cli;
using SecGroupAdmin.Web.Tenancy;
using SecGroupAdmin.Web.Tests.Cli;

using SecGroupAdmin.Web.Tests.Hosting;

namespace SecGroupAdmin.Web.Tests.Auth;

/// <summary>
/// Findings 1 and 5 of issue #12 on the real app over Kestrel: an admin lock (page service or <c>admin lock-user</c>)
/// stops the user's API tokens at once and their cookie sessions within <c>Identity:RevalidationInterval</c> (one
/// second here); a lockout after failed sign-ins does not stop tokens; a deleted user's token is refused.
/// </summary>
public sealed class AdminLockTests : IAsyncLifetime
{
    private static readonly TimeSpan Revalidation = TimeSpan.FromSeconds(1);

    private TestAppHost host = null!;
    private Caller cloudAdmin = null!;

    public async Task InitializeAsync()
    {
        host = TestAppHost.Start(new TestAppOptions
        {
            Settings = new Dictionary<string, string> { ["Identity:RevalidationInterval"] = "00:00:01" },
        });
        var root = await host.People.PersonAsync("root@lock.test", Role.CloudAdmin);
        cloudAdmin = await host.People.CallerAsync(root, null, ChangeSource.UI);
    }

    public Task DisposeAsync() => host.DisposeAsync().AsTask();

    [Fact]
    public async Task Admin_lock_from_the_page_service_refuses_the_token_and_unlock_restores_it()
    {
        var (user, token) = await MemberWithTokenAsync("locked@lock.test");
        Assert.Equal(HttpStatusCode.OK, await ListGroupsAsync(token));

        Assert.True(await Administration.SetUserLockedAsync(cloudAdmin, user.Id, locked: true));
        Assert.Equal(HttpStatusCode.Unauthorized, await ListGroupsAsync(token));
        Assert.Null(await host.Services.GetRequiredService<CallerFactory>().CreateAsync(user.Id, null, ChangeSource.UI));

        Assert.True(await Administration.SetUserLockedAsync(cloudAdmin, user.Id, locked: false));
        Assert.Equal(HttpStatusCode.OK, await ListGroupsAsync(token));
    }

    [Fact]
    public async Task Lockout_after_five_wrong_passwords_through_the_sign_in_form_does_not_stop_the_token()
    {
        var (user, token) = await MemberWithTokenAsync("guessed@lock.test");
        using var client = CookieClient();
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync(client, user.Email!, "Wrong-Passw0rd!");
        }

        using (var scope = host.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True(await users.IsLockedOutAsync((await users.FindByIdAsync(user.Id))!), "five wrong passwords should lock sign-in out");
        }
        Assert.Equal(HttpStatusCode.OK, await ListGroupsAsync(token));
        var overview = await Administration.FindUserByEmailAsync(cloudAdmin, user.Email!);
        Assert.True(overview!.IsLocked);

        // A CloudAdmin can still lock the user for real, and that does stop the token.
        Assert.True(await Administration.SetUserLockedAsync(cloudAdmin, user.Id, locked: true));
        Assert.Equal(HttpStatusCode.Unauthorized, await ListGroupsAsync(token));
    }

    [Fact]
    public async Task Deleted_user_token_is_refused()
    {
        var (user, token) = await MemberWithTokenAsync("deleted@lock.test");
        Assert.Equal(HttpStatusCode.OK, await ListGroupsAsync(token));
        using (var scope = host.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True((await users.DeleteAsync((await users.FindByIdAsync(user.Id))!)).Succeeded);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await ListGroupsAsync(token));
    }

    [Fact]
    public async Task Lock_user_and_unlock_user_verbs_act_on_the_running_server_with_CLI_audit_rows()
    {
        var (user, token) = await MemberWithTokenAsync("cli@lock.test");

        var locked = await RunVerbAsync("lock-user", user.Email!);
        Assert.Equal(AdminCommands.ExitOk, locked.ExitCode);
        Assert.Equal("", locked.Stdout);
        Assert.Contains("Locked cli@lock.test", locked.Stderr);
        Assert.Equal(HttpStatusCode.Unauthorized, await ListGroupsAsync(token));

        var again = await RunVerbAsync("lock-user", user.Email!);
        Assert.Equal(AdminCommands.ExitOk, again.ExitCode);
        Assert.Contains("already locked", again.Stderr);

        var unlocked = await RunVerbAsync("unlock-user", user.Email!);
        Assert.Equal(AdminCommands.ExitOk, unlocked.ExitCode);
        Assert.Equal(HttpStatusCode.OK, await ListGroupsAsync(token));

        Assert.Equal(AdminCommands.ExitFailure, (await RunVerbAsync("lock-user", "nobody@lock.test")).ExitCode);
        Assert.Equal(AdminCommands.ExitUsage, (await RunVerbAsync("lock-user")).ExitCode);
        Assert.Equal(AdminCommands.ExitUsage, (await RunVerbAsync("unlock-user", user.Email!, "extra")).ExitCode);

        await using var db = await host.DbAsync();
        var audit = await db.AuditEntries.Where(a => a.ResourceType == "user" && a.ResourceId == user.Id)
            .OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal(("CLI", "admin CLI", "update"), (a.Source, a.ActorName, a.Action)));
        Assert.Contains("\"locked\":true", audit[0].AfterJson);
        Assert.Contains("\"locked\":false", audit[1].AfterJson);
    }

    [Fact]
    public async Task Cookie_session_ends_within_the_revalidation_interval_after_an_admin_lock()
    {
        var (user, _) = await MemberWithTokenAsync("session@lock.test");
        using var client = CookieClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, user.Email!, PeopleSeeder.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Manage")).StatusCode);

        await Administration.SetUserLockedAsync(cloudAdmin, user.Id, locked: true);

        await AssertSessionEndsAsync(client);
    }

    [Fact]
    public async Task Cookie_session_ends_within_the_revalidation_interval_after_a_security_stamp_change()
    {
        var (user, _) = await MemberWithTokenAsync("stamp@lock.test");
        using var client = CookieClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, user.Email!, PeopleSeeder.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Manage")).StatusCode);

        using (var scope = host.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByIdAsync(user.Id))!);
        }

        await AssertSessionEndsAsync(client);
    }

    private TenantAdministrationService Administration => host.Services.GetRequiredService<TenantAdministrationService>();

    /// <summary>Within a few revalidation intervals (not the old 30 minutes) the cookie is refused: a redirect to sign-in.</summary>
    private static async Task AssertSessionEndsAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + (Revalidation * 10);
        HttpResponseMessage response;
        do
        {
            await Task.Delay(Revalidation / 4);
            response = await client.GetAsync("/Account/Manage");
        }
        while (response.StatusCode == HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<(ApplicationUser User, string Token)> MemberWithTokenAsync(string email)
    {
        var user = await host.People.PersonAsync(email, Role.Member, "alpha");
        return (user, await host.People.TokenAsync(user, "alpha"));
    }

    private async Task<HttpStatusCode> ListGroupsAsync(string token)
    {
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2.0/security-groups");
        request.Headers.Add("X-Auth-Token", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>Runs an <c>admin</c> verb on the running server's services (the same database, as an operator's shell would).</summary>
    private async Task<CliRun> RunVerbAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await AdminCommands.RunAsync(args, new StringReader(""), stdout, stderr, host.Services);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    private HttpClient CookieClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(host.BaseUrl) };

    /// <summary>Posts the real sign-in form (with its antiforgery token) as a browser would.</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var form = await client.GetStringAsync("/Account/Login");
        var fields = SignInForm.HiddenFieldsOf(form);
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
    }

}
