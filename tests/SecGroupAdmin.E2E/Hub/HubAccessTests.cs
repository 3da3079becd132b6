using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.ApiTokens;
using SecGroupAdmin.Web.Live;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Tenancy;

namespace SecGroupAdmin.E2E.Hub;

/// <summary>
/// <c>/hubs/changes</c> over Kestrel with a real SignalR client: who may connect (no anonymous negotiate, cookies only
/// from the app's own origin) and that a connection ends when the access behind it ends. The app's periodic re-check
/// is 10 minutes here, so a close within seconds comes from the immediate report; <see cref="HubRecheckTests"/>
/// covers the periodic check.
/// </summary>
public sealed class HubAccessTests : IAsyncLifetime
{
    private const string Tenant = "hub-access";
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(5);

    private TestAppHost app = null!;

    public Task InitializeAsync()
    {
        app = TestAppHost.Start(new TestAppOptions
        {
            Settings = new Dictionary<string, string> { ["Hub:AccessRecheckInterval"] = "00:10:00" },
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Anonymous_negotiate_answers_401()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var response = await http.PostAsync(ChangesHub.Path + "/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        var badToken = await http.PostAsync(ChangesHub.Path + "/negotiate?negotiateVersion=1&access_token=sga_not-a-real-token", null);
        Assert.Equal(HttpStatusCode.Unauthorized, badToken.StatusCode);

        await using var client = new HubConnectionBuilder().WithUrl(app.BaseUrl + ChangesHub.Path).Build();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_token_client_joins_its_tenant_and_receives_changes()
    {
        var (user, token) = await MemberWithTokenAsync("hub-receiver@e2e.test");
        await using var client = await ConnectWithTokenAsync(token);
        var received = Received(client);
        await client.InvokeAsync("JoinTenant", (await app.People.TenantAsync(Tenant)).Id);

        var groupId = await CreateGroupAsync(user);

        await HeardAsync(received, groupId);
    }

    [Fact]
    public async Task Revoking_the_token_closes_its_connection_at_once()
    {
        var (user, token) = await MemberWithTokenAsync("hub-revoked@e2e.test");
        await using var client = await ConnectWithTokenAsync(token);
        await client.InvokeAsync("JoinTenant", (await app.People.TenantAsync(Tenant)).Id);
        var closed = ClosedTask(client);

        var tokens = app.Services.GetRequiredService<ApiTokenService>();
        var tokenId = (await tokens.ListForUserAsync(user.Id)).Single().Id;
        await tokens.RevokeAsync(tokenId, user.Id);

        await closed.WaitAsync(Promptly);
        Assert.Equal(HubConnectionState.Disconnected, client.State);
    }

    [Fact]
    public async Task Removing_the_member_from_the_tenant_closes_their_connection_at_once()
    {
        var (user, token) = await MemberWithTokenAsync("hub-removed@e2e.test");
        await using var client = await ConnectWithTokenAsync(token);
        var tenant = await app.People.TenantAsync(Tenant);
        await client.InvokeAsync("JoinTenant", tenant.Id);
        var closed = ClosedTask(client);

        await app.Services.GetRequiredService<TenantAdministrationService>().RemoveMemberAsync(await CloudAdminAsync(), tenant.Id, user.Id);

        await closed.WaitAsync(Promptly);
    }

    [Fact]
    public async Task Locking_the_user_closes_their_cookie_connection_at_once()
    {
        var user = await app.People.PersonAsync("hub-locked@e2e.test", Role.Member, Tenant);
        await using var client = await ConnectWithCookieAsync(user, origin: app.BaseUrl);
        await client.InvokeAsync("JoinTenant", (await app.People.TenantAsync(Tenant)).Id);
        var closed = ClosedTask(client);

        await app.Services.GetRequiredService<TenantAdministrationService>().SetUserLockedAsync(await CloudAdminAsync(), user.Id, locked: true);

        await closed.WaitAsync(Promptly);
    }

    /// <summary>
    /// A token-authenticated connection ends at once when a CloudAdmin admin-locks the user from the page ("Tenants and
    /// users", <see cref="TenantAdministrationService.SetUserLockedAsync"/>): the monitor re-checks the token, which
    /// <see cref="ApiTokenService.ValidateAsync"/> now refuses; the token cannot connect again.
    /// </summary>
    [Fact]
    public async Task Locking_the_user_closes_their_token_connection_at_once()
    {
        var (user, token) = await MemberWithTokenAsync("hub-token-locked@e2e.test");
        await using var client = await ConnectWithTokenAsync(token);
        await client.InvokeAsync("JoinTenant", (await app.People.TenantAsync(Tenant)).Id);
        var closed = ClosedTask(client);

        Assert.True(await app.Services.GetRequiredService<TenantAdministrationService>().SetUserLockedAsync(await CloudAdminAsync(), user.Id, locked: true));

        await closed.WaitAsync(Promptly);
        await AssertTokenRefusedAsync(token);
    }

    /// <summary>The same lock made with the operators' <c>admin lock-user EMAIL</c> verb (run against this server's services).</summary>
    [Fact]
    public async Task The_admin_lock_user_verb_closes_their_token_connection_at_once()
    {
        var (user, token) = await MemberWithTokenAsync("hub-token-cli-locked@e2e.test");
        await using var client = await ConnectWithTokenAsync(token);
        await client.InvokeAsync("JoinTenant", (await app.People.TenantAsync(Tenant)).Id);
        var closed = ClosedTask(client);

        var exitCode = await SecGroupAdmin.Web.Cli.AdminCommands.RunAsync(["lock-user", user.Email!], new StringReader(""), TextWriter.Null, TextWriter.Null, app.Services);
        Assert.Equal(SecGroupAdmin.Web.Cli.AdminCommands.ExitOk, exitCode);

        await closed.WaitAsync(Promptly);
        await AssertTokenRefusedAsync(token);
    }

    private async Task AssertTokenRefusedAsync(string token)
    {
        await using var again = new HubConnectionBuilder()
            .WithUrl(app.BaseUrl + ChangesHub.Path, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => again.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_cookie_connection_from_a_foreign_origin_is_refused()
    {
        var user = await app.People.PersonAsync("hub-cswsh@e2e.test", Role.Member, Tenant);
        var cookie = await CookieAsync(user);

        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        using var negotiate = new HttpRequestMessage(HttpMethod.Post, ChangesHub.Path + "/negotiate?negotiateVersion=1");
        negotiate.Headers.Add("Cookie", cookie);
        negotiate.Headers.Add("Origin", "http://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(negotiate)).StatusCode);

        // The attack itself: straight to the WebSocket, as a page on another site would open it.
        await using var client = CookieClient(cookie, "http://evil.example", skipNegotiation: true);
        await Assert.ThrowsAnyAsync<Exception>(() => client.StartAsync());
        Assert.NotEqual(HubConnectionState.Connected, client.State);
    }

    [Fact]
    public async Task A_cookie_connection_from_the_apps_own_origin_is_accepted()
    {
        var user = await app.People.PersonAsync("hub-own-origin@e2e.test", Role.Member, Tenant);
        await using var client = await ConnectWithCookieAsync(user, origin: app.BaseUrl);
        var received = Received(client);
        await client.InvokeAsync("JoinTenant", (await app.People.TenantAsync(Tenant)).Id);

        var groupId = await CreateGroupAsync(user);

        await HeardAsync(received, groupId);
    }

    [Fact]
    public async Task A_token_connection_from_a_foreign_origin_is_accepted()
    {
        var (_, token) = await MemberWithTokenAsync("hub-token-origin@e2e.test");
        await using var client = new HubConnectionBuilder()
            .WithUrl(app.BaseUrl + ChangesHub.Path, o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Headers["Origin"] = "http://dashboard.example";
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build();
        await client.StartAsync();
        await client.InvokeAsync("JoinTenant", (await app.People.TenantAsync(Tenant)).Id);
        Assert.Equal(HubConnectionState.Connected, client.State);
    }

    private async Task<(ApplicationUser User, string Token)> MemberWithTokenAsync(string email)
    {
        var user = await app.People.PersonAsync(email, Role.Member, Tenant);
        return (user, await app.People.TokenAsync(user, Tenant));
    }

    private async Task<SecGroupAdmin.Web.Auth.Caller> CloudAdminAsync() =>
        await app.People.CallerAsync(await app.People.PersonAsync("hub-cloudadmin@e2e.test", Role.CloudAdmin), null, SecGroupAdmin.Web.Auth.ChangeSource.UI);

    private async Task<string> CreateGroupAsync(ApplicationUser user)
    {
        var caller = await app.People.CallerAsync(user, Tenant);
        var service = app.Services.GetRequiredService<SecurityGroupService>();
        return (await service.CreateGroupAsync(caller, GroupCreateRequest.FromForm("hub-" + Guid.NewGuid().ToString("N")[..6], "hub test"))).Id;
    }

    private async Task<HubConnection> ConnectWithTokenAsync(string token)
    {
        var client = new HubConnectionBuilder()
            .WithUrl(app.BaseUrl + ChangesHub.Path, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await client.StartAsync();
        return client;
    }

    private async Task<HubConnection> ConnectWithCookieAsync(ApplicationUser user, string origin)
    {
        var client = CookieClient(await CookieAsync(user), origin, skipNegotiation: false);
        await client.StartAsync();
        return client;
    }

    private HubConnection CookieClient(string cookie, string origin, bool skipNegotiation) =>
        new HubConnectionBuilder()
            .WithUrl(app.BaseUrl + ChangesHub.Path, o =>
            {
                o.Headers["Cookie"] = cookie;
                o.Headers["Origin"] = origin;
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = skipNegotiation;
            })
            .Build();

    /// <summary>The sign-in cookie the app issues for <paramref name="user"/> (made with the app's own cookie format and keys).</summary>
    private async Task<string> CookieAsync(ApplicationUser user)
    {
        using var scope = app.Services.CreateScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
        var stored = await signIn.UserManager.FindByIdAsync(user.Id) ?? throw new InvalidOperationException("no user");
        var principal = await signIn.CreateUserPrincipalAsync(stored);
        var options = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var ticket = new AuthenticationTicket(principal, new AuthenticationProperties(), IdentityConstants.ApplicationScheme);
        return $"{options.Cookie.Name}={options.TicketDataFormat.Protect(ticket)}";
    }

    private static ConcurrentQueue<ChangeEvent> Received(HubConnection client)
    {
        var received = new ConcurrentQueue<ChangeEvent>();
        client.On<ChangeEvent>(ChangesHub.MessageName, received.Enqueue);
        return received;
    }

    /// <summary>Waits for the change of <paramref name="resourceId"/> (the tenant's default group may come first).</summary>
    private static async Task HeardAsync(ConcurrentQueue<ChangeEvent> received, string resourceId)
    {
        var deadline = DateTime.UtcNow + Promptly;
        while (!received.Any(c => c.ResourceId == resourceId))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no change of {resourceId} within {Promptly}");
            await Task.Delay(50);
        }
    }

    private static Task ClosedTask(HubConnection client)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }
}
