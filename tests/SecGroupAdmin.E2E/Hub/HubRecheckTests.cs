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
            Settings = new Dictionary<string, string> { ["Hub:AccessRecheckInterval"] = "00:00:01" },
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
