using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.ApiTokens;
using SecGroupAdmin.Web.Live;

namespace SecGroupAdmin.E2E.Hub;

/// <summary>
/// The hub's periodic re-check (<c>Hub:AccessRecheckInterval</c>, 1 second here): access that ends without the app
/// being told (a token's expiry, a membership deleted by another process) closes the connection within the interval.
/// </summary>
public sealed class HubRecheckTests : IAsyncLifetime
{
    private const string Tenant = "hub-recheck";
    private static readonly TimeSpan WithinTheInterval = TimeSpan.FromSeconds(6);

    private TestAppHost app = null!;

    public Task InitializeAsync()
    {
        app = TestAppHost.Start(new TestAppOptions
        {
            Settings = new Dictionary<string, string>
            {
                ["Hub:AccessRecheckInterval"] = "00:00:01",
                // Keystone tokens (clouds.yaml sign-in) of this app live 4 seconds.
                ["Identity:TokenLifetime"] = "00:00:04",
            },
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task An_expiring_token_closes_its_connection_within_the_interval()
    {
        var user = await app.People.PersonAsync("recheck-expiry@e2e.test", Role.Member, Tenant);
        var tenant = await app.People.TenantAsync(Tenant);
        var issued = await app.Services.GetRequiredService<ApiTokenService>()
            .IssueAsync(user.Id, tenant.Id, "short", DateTime.UtcNow.AddSeconds(3));
        await using var client = await ConnectAsync(issued.Secret);
        await client.InvokeAsync("JoinTenant", tenant.Id);
        var closed = ClosedTask(client);

        await closed.WaitAsync(TimeSpan.FromSeconds(3) + WithinTheInterval);
    }

    [Fact]
    public async Task A_membership_deleted_behind_the_apps_back_closes_the_connection_within_the_interval()
    {
        var user = await app.People.PersonAsync("recheck-member@e2e.test", Role.Member, Tenant);
        var token = await app.People.TokenAsync(user, Tenant);
        var tenant = await app.People.TenantAsync(Tenant);
        await using var client = await ConnectAsync(token);
        await client.InvokeAsync("JoinTenant", tenant.Id);
        var closed = ClosedTask(client);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(HubConnectionState.Connected, client.State);

        // As another process (another instance without Redis, or SQL by hand) would: no report reaches this app.
        await using (var db = await app.DbAsync())
        {
            await db.Memberships.Where(m => m.UserId == user.Id && m.TenantId == tenant.Id).ExecuteDeleteAsync();
        }

        await closed.WaitAsync(WithinTheInterval);
    }

    [Fact]
    public async Task A_keystone_token_is_rechecked_like_an_api_token_its_expiry_closes_the_connection()
    {
        var user = await app.People.PersonAsync("recheck-keystone@e2e.test", Role.Member, Tenant);
        var tenant = await app.People.TenantAsync(Tenant);
        var token = await KeystoneTokenAsync(user.Email!);
        await using var client = await ConnectAsync(token);
        await client.InvokeAsync("JoinTenant", tenant.Id);
        var closed = ClosedTask(client);
        // It hears the tenant's changes while the token is valid...
        var heard = new TaskCompletionSource<ChangeEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.On<ChangeEvent>(ChangesHub.MessageName, change => heard.TrySetResult(change));
        var member = await app.People.CallerAsync(user, Tenant);
        await app.Services.GetRequiredService<SecGroupAdmin.Web.SecurityGroups.SecurityGroupService>()
            .CreateGroupAsync(member, SecGroupAdmin.Web.SecurityGroups.GroupCreateRequest.FromForm("heard", null));
        Assert.Equal(tenant.Id, (await heard.Task.WaitAsync(TimeSpan.FromSeconds(10))).TenantId);
        Assert.Equal(HubConnectionState.Connected, client.State);

        // ... and not after it expires (4 s).
        await closed.WaitAsync(TimeSpan.FromSeconds(4) + WithinTheInterval);
    }

    [Fact]
    public async Task A_keystone_token_revoked_behind_the_apps_back_closes_the_connection_within_the_interval()
    {
        var user = await app.People.PersonAsync("recheck-keystone-revoked@e2e.test", Role.Member, Tenant);
        var tenant = await app.People.TenantAsync(Tenant);
        var token = await KeystoneTokenAsync(user.Email!);
        await using var client = await ConnectAsync(token);
        await client.InvokeAsync("JoinTenant", tenant.Id);
        var closed = ClosedTask(client);

        // As another instance's revocation would be, without Redis: the stored token row goes.
        await using (var db = await app.DbAsync())
        {
            Assert.Equal(1, await db.KeystoneTokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync());
        }

        await closed.WaitAsync(WithinTheInterval);
    }

    /// <summary>A project-scoped Keystone token for the user, as a clouds.yaml client signs in.</summary>
    private async Task<string> KeystoneTokenAsync(string userName)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var body = System.Text.Json.JsonSerializer.Serialize(new
        {
            auth = new
            {
                identity = new
                {
                    methods = new[] { "password" },
                    password = new { user = new { name = userName, domain = new { name = "Default" }, password = PeopleSeeder.Password } },
                },
                scope = new { project = new { name = Tenant, domain = new { id = "default" } } },
            },
        });
        using var response = await http.PostAsync("/identity/v3/auth/tokens", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return response.Headers.GetValues("X-Subject-Token").Single();
    }

    private async Task<HubConnection> ConnectAsync(string token)
    {
        var client = new HubConnectionBuilder()
            .WithUrl(app.BaseUrl + ChangesHub.Path, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await client.StartAsync();
        return client;
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
