using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecGroupAdmin.Data;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.ApiTokens;
using SecGroupAdmin.Web.Live;

namespace SecGroupAdmin.E2E.ScaleOut;

/// <summary>
/// Two app instances on one PostgreSQL database with Redis relaying changes: a change made through instance A's REST API
/// reaches a hub client and an open page on instance B.
/// </summary>
[Collection(ScaleOutCollection.Name)]
public class ScaleOutTests(ScaleOutFixture fx)
{
    private const string Tenant = "scale";

    private static async Task<(string UserId, string Token, string TenantId)> SeedAsync(AppInstance a, string email)
    {
        var user = await a.People.PersonAsync(email, Role.Member, Tenant);
        var token = await a.People.TokenAsync(user, Tenant);
        var tenant = await a.People.TenantAsync(Tenant);
        return (user.Id, token, tenant.Id);
    }

    private static HttpClient Api(AppInstance instance, string token)
    {
        var client = new HttpClient { BaseAddress = new Uri(instance.BaseUrl) };
        client.DefaultRequestHeaders.Add(ApiCallerResolverHeader, token);
        return client;
    }

    private const string ApiCallerResolverHeader = "X-Auth-Token";

    private static async Task<string> CreateGroupAsync(HttpClient api, string name)
    {
        var response = await api.PostAsJsonAsync("/v2.0/security-groups",
            new { security_group = new { name, description = "scale-out test" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["security_group"]!["id"]!.GetValue<string>();
    }

    private static async Task<string> CreateRuleAsync(HttpClient api, string groupId, int port, string prefix)
    {
        var response = await api.PostAsJsonAsync("/v2.0/security-group-rules", new
        {
            security_group_rule = new
            {
                security_group_id = groupId,
                direction = "ingress",
                ethertype = "IPv4",
                protocol = "tcp",
                port_range_min = port,
                port_range_max = port,
                remote_ip_prefix = prefix,
            },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["security_group_rule"]!["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task Both_instances_run_on_postgresql_with_redis()
    {
        await using var db = await fx.A.DbAsync();
        Assert.Equal(AppDbContext.NpgsqlProviderName, db.Database.ProviderName);
        Assert.NotNull(fx.A.Factory.Services.GetService<RedisChangeRelay>());
        Assert.NotNull(fx.B.Factory.Services.GetService<RedisChangeRelay>());
        Assert.NotNull(fx.B.Factory.Services.GetRequiredService<ChangeFeed>().Relay);
    }

    [Fact]
    public async Task A_token_revoked_on_instance_A_closes_its_hub_connection_on_instance_B_at_once()
    {
        var (userId, token, tenantId) = await SeedAsync(fx.A, "hub-revoked@e2e.test");
        await using var hub = new HubConnectionBuilder()
            .WithUrl(fx.B.BaseUrl + ChangesHub.Path, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        await hub.InvokeAsync("JoinTenant", tenantId);

        // B re-checks on its own only every minute (the default): closing within seconds needs A's report over Redis.
        var tokens = fx.A.Factory.Services.GetRequiredService<ApiTokenService>();
        var tokenId = (await tokens.ListForUserAsync(userId)).Single(t => t.RevokedAt is null).Id;
        await tokens.RevokeAsync(tokenId, userId);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_rule_created_through_instance_A_reaches_a_hub_client_on_instance_B_once()
    {
        var (_, token, tenantId) = await SeedAsync(fx.A, "hub-alice@e2e.test");
        using var api = Api(fx.A, token);
        var groupId = await CreateGroupAsync(api, "hub-" + Guid.NewGuid().ToString("N")[..6]);

        await using var hub = new HubConnectionBuilder()
            .WithUrl(fx.B.BaseUrl + ChangesHub.Path, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var heard = new List<ChangeEvent>();
        var second = new TaskCompletionSource<ChangeEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new TaskCompletionSource<ChangeEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<ChangeEvent>(ChangesHub.MessageName, e =>
        {
            if (e.GroupId != groupId || e.ResourceType != "security_group_rule")
            {
                return;
            }
            lock (heard)
            {
                heard.Add(e);
                (heard.Count == 1 ? first : second).TrySetResult(e);
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync("JoinTenant", tenantId);

        var ruleId = await CreateRuleAsync(api, groupId, 443, "192.0.2.0/24");
        var change = await first.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(tenantId, change.TenantId);
        Assert.Equal("create", change.Action);
        Assert.Equal(ruleId, change.ResourceId);
        Assert.Equal("hub-alice@e2e.test", change.ActorName);

        // Exactly once: a second change arrives after the first (one connection keeps order), and nothing in between.
        var secondRuleId = await CreateRuleAsync(api, groupId, 8443, "192.0.2.0/24");
        Assert.Equal(secondRuleId, (await second.Task.WaitAsync(TimeSpan.FromSeconds(15))).ResourceId);
        lock (heard)
        {
            Assert.Equal([ruleId, secondRuleId], heard.Select(e => e.ResourceId).ToArray());
        }
    }

    [Fact]
    public async Task A_rule_created_through_instance_A_appears_on_a_page_open_on_instance_B_without_reload()
    {
        var (_, token, _) = await SeedAsync(fx.A, "page-alice@e2e.test");
        await fx.A.People.PersonAsync("page-bob@e2e.test", Role.Member, Tenant);
        using var api = Api(fx.A, token);
        var groupId = await CreateGroupAsync(api, "page-" + Guid.NewGuid().ToString("N")[..6]);

        var bob = await fx.NewPageAsync(fx.B);
        await AppFixture.SignInAsync(bob, "page-bob@e2e.test", PeopleSeeder.Password);
        await AppFixture.OpenAsync(bob, $"/t/{Tenant}/groups/{groupId}");
        await Assertions.Expect(bob.Locator("#rules-grid")).ToContainTextAsync("No ingress rules");
        var navigations = 0;
        bob.FrameNavigated += (_, frame) => { if (frame == bob.MainFrame) { navigations++; } };

        await CreateRuleAsync(api, groupId, 443, "198.51.100.0/24");

        await Assertions.Expect(bob.Locator("#rules-grid")).ToContainTextAsync("ALLOW IPv4 443/tcp from 198.51.100.0/24");
        await Assertions.Expect(bob.Locator(".mud-snackbar", new() { HasText = "page-alice@e2e.test added a rule" })).ToBeVisibleAsync();
        Assert.Equal(0, navigations);
        await Screenshots.SaveAsync(bob, "scale-out-live-refresh");
        await bob.Context.CloseAsync();
    }

    [Fact]
    public async Task Migrations_apply_to_an_empty_postgresql_database_and_the_app_starts()
    {
        var connectionString = await fx.Postgres.CreateDatabaseAsync();
        try
        {
            await using (var app = AppInstance.Start(connectionString, redisConfiguration: null))
            {
                using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/")).StatusCode);

                await using var db = await app.DbAsync();
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.Contains(await db.Database.GetAppliedMigrationsAsync(), m => m.EndsWith("_InitialPostgreSql", StringComparison.Ordinal));
                // The start-up bootstrap ran on PostgreSQL too.
                Assert.True(await db.Users.AnyAsync(u => u.Email == AppFixture.AdminEmail));
                // Without Redis configured, no relay: changes stay on the instance.
                Assert.Null(app.Factory.Services.GetService<RedisChangeRelay>());
            }
        }
        finally
        {
            await fx.Postgres.DropDatabaseAsync(connectionString);
        }
    }
}
