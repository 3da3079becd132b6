using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.Live;
using static SecGroupAdmin.E2E.Faults.FaultTestClient;

namespace SecGroupAdmin.E2E.Faults;

/// <summary>
/// Two app instances on one REAL PostgreSQL (of this test's own) whose REAL redis-server is down when they start:
/// both start and serve, report Degraded, deliver their own changes locally, and once redis-server is up they
/// resubscribe and deliver each other's changes again.
/// </summary>
public sealed class RedisOutageTests
{
    [Fact]
    public async Task Instances_start_without_redis_deliver_locally_and_resume_cross_instance_delivery_when_it_comes_back()
    {
        await using var postgres = await PostgresTestServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using var redis = await RedisTestServer.StartAsync();
        await redis.StopAsync();

        var options = new TestAppOptions
        {
            PostgresConnectionString = database,
            RedisConfiguration = redis.Configuration + ",connectTimeout=1000",
            RedisChannelPrefix = "sga-outage-" + Guid.NewGuid().ToString("N")[..8],
            Settings = new Dictionary<string, string> { ["Redis:RetrySeconds"] = "0.5" },
        };
        // Before: "Hosting failed to start" (RedisConnectionException from the relay's SUBSCRIBE).
        await using var a = TestAppHost.Start(options);
        await using var b = TestAppHost.Start(options);
        using var anonymousA = new HttpClient { BaseAddress = new Uri(a.BaseUrl) };
        using var anonymousB = new HttpClient { BaseAddress = new Uri(b.BaseUrl) };
        Assert.Equal("Degraded", (string?)(await GetJsonAsync(anonymousA, "/health")).Body!["status"]);

        var heardOnA = new List<ChangeEvent>();
        var heardOnB = new List<ChangeEvent>();
        using var pagesOnA = a.Services.GetRequiredService<ChangeFeed>().SubscribeAllForServer(c => { lock (heardOnA) { heardOnA.Add(c); } return Task.CompletedTask; });
        using var pagesOnB = b.Services.GetRequiredService<ChangeFeed>().SubscribeAllForServer(c => { lock (heardOnB) { heardOnB.Add(c); } return Task.CompletedTask; });

        // During the outage: the API serves, and the instance that made a change hears it at once.
        using var api = await MemberAsync(a, "redis-member@e2e.test", "redis-outage");
        var during = await CreateGroupAsync(api, "during-redis-outage");
        Assert.Equal(HttpStatusCode.Created, during.StatusCode);
        var duringId = (string)System.Text.Json.Nodes.JsonNode.Parse(await during.Content.ReadAsStringAsync())!["security_group"]!["id"]!;
        await EventuallyAsync(() => Task.FromResult(Heard(heardOnA, duringId)), TimeSpan.FromSeconds(5), "local delivery on A");

        await redis.RestartAsync();
        await EventuallyAsync(async () => (string?)(await GetJsonAsync(anonymousA, "/health")).Body!["status"] == "Healthy"
                                          && (string?)(await GetJsonAsync(anonymousB, "/health")).Body!["status"] == "Healthy",
            TimeSpan.FromSeconds(30), "both instances to resubscribe");

        // Back: a change made on A reaches B's pages through the relay, and a hub client on B from B's own feed.
        var tenantId = (await a.People.TenantAsync("redis-outage")).Id;
        var user = await a.People.PersonAsync("redis-member@e2e.test", Role.Member, "redis-outage");
        var token = await a.People.TokenAsync(user, "redis-outage", "hub");
        await using var hub = new HubConnectionBuilder()
            .WithUrl(b.BaseUrl + ChangesHub.Path, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var hubHeard = new List<ChangeEvent>();
        hub.On<ChangeEvent>(ChangesHub.MessageName, e =>
        {
            lock (hubHeard)
            {
                hubHeard.Add(e);
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync("JoinTenant", tenantId);

        var after = await CreateGroupAsync(api, "after-redis-outage");
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
        var afterId = (string)System.Text.Json.Nodes.JsonNode.Parse(await after.Content.ReadAsStringAsync())!["security_group"]!["id"]!;
        await EventuallyAsync(() => Task.FromResult(Heard(heardOnB, afterId)), TimeSpan.FromSeconds(15), "cross-instance delivery to B's pages");
        await EventuallyAsync(() => Task.FromResult(Heard(hubHeard, afterId)), TimeSpan.FromSeconds(15), "a hub client on B");
        // Each instance hears each change once: A's own changes are not delivered to A a second time through Redis.
        lock (heardOnA)
        {
            Assert.Single(heardOnA, c => c.ResourceId == afterId);
        }
    }

    /// <summary>
    /// Hub clients during a Redis outage: a hub client on the instance that made a change hears it while redis-server
    /// is down (it went through SignalR's Redis backplane and was lost), and once Redis is back a change made on A
    /// reaches the hub clients of A and of B exactly once each.
    /// </summary>
    [Fact]
    public async Task Hub_clients_hear_their_own_instances_changes_during_a_redis_outage_and_every_change_once_after_it()
    {
        await using var postgres = await PostgresTestServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using var redis = await RedisTestServer.StartAsync();
        var options = new TestAppOptions
        {
            PostgresConnectionString = database,
            RedisConfiguration = redis.Configuration + ",connectTimeout=1000",
            RedisChannelPrefix = "sga-hub-outage-" + Guid.NewGuid().ToString("N")[..8],
            Settings = new Dictionary<string, string> { ["Redis:RetrySeconds"] = "0.5" },
        };
        await using var a = TestAppHost.Start(options);
        await using var b = TestAppHost.Start(options);
        using var anonymousA = new HttpClient { BaseAddress = new Uri(a.BaseUrl) };
        using var anonymousB = new HttpClient { BaseAddress = new Uri(b.BaseUrl) };
        await EventuallyAsync(() => BothHealthyAsync(anonymousA, anonymousB), TimeSpan.FromSeconds(30), "both instances on Redis");

        using var api = await MemberAsync(a, "hub-outage@e2e.test", "hub-outage");
        var tenantId = (await a.People.TenantAsync("hub-outage")).Id;
        var token = await a.People.TokenAsync(await a.People.PersonAsync("hub-outage@e2e.test", Role.Member, "hub-outage"), "hub-outage", "hub");
        var (hubA, heardOnHubA) = await HubClientAsync(a, token, tenantId);
        var (hubB, heardOnHubB) = await HubClientAsync(b, token, tenantId);
        await using (hubA)
        await using (hubB)
        {
            await redis.StopAsync();
            await EventuallyAsync(async () => (string?)(await GetJsonAsync(anonymousA, "/health")).Body!["status"] == "Degraded",
                TimeSpan.FromSeconds(30), "A to notice that Redis is down");

            var during = await CreatedGroupIdAsync(api, "hub-during-redis-outage");
            await EventuallyAsync(() => Task.FromResult(Heard(heardOnHubA, during)), TimeSpan.FromSeconds(10), "the hub client on A during the outage");

            await redis.RestartAsync();
            await EventuallyAsync(() => BothHealthyAsync(anonymousA, anonymousB), TimeSpan.FromSeconds(30), "both instances to resubscribe");

            var after = await CreatedGroupIdAsync(api, "hub-after-redis-outage");
            await EventuallyAsync(() => Task.FromResult(Heard(heardOnHubA, after) && Heard(heardOnHubB, after)), TimeSpan.FromSeconds(15), "the hub clients on A and B");
            // Exactly once: a later change arrives after it on each connection (one connection keeps order), nothing between.
            var marker = await CreatedGroupIdAsync(api, "hub-marker");
            await EventuallyAsync(() => Task.FromResult(Heard(heardOnHubA, marker) && Heard(heardOnHubB, marker)), TimeSpan.FromSeconds(15), "the marker on A and B");

            string[] ours = [during, after, marker];
            Assert.Equal(ours, GroupsCreated(heardOnHubA, ours));
            // B's hub client missed what A made while Redis was down (B's pages reload on reconnect); after it, once each.
            Assert.Equal([after, marker], GroupsCreated(heardOnHubB, ours));
        }
    }

    private static async Task<bool> BothHealthyAsync(HttpClient a, HttpClient b) =>
        (string?)(await GetJsonAsync(a, "/health")).Body!["status"] == "Healthy"
        && (string?)(await GetJsonAsync(b, "/health")).Body!["status"] == "Healthy";

    private static async Task<string> CreatedGroupIdAsync(HttpClient api, string name)
    {
        var response = await CreateGroupAsync(api, name);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["security_group"]!["id"]!;
    }

    private static async Task<(HubConnection Hub, List<ChangeEvent> Heard)> HubClientAsync(TestAppHost app, string token, string tenantId)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(app.BaseUrl + ChangesHub.Path, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var heard = new List<ChangeEvent>();
        hub.On<ChangeEvent>(ChangesHub.MessageName, e =>
        {
            lock (heard)
            {
                heard.Add(e);
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync("JoinTenant", tenantId);
        return (hub, heard);
    }

    /// <summary>The creates of <paramref name="ours"/> in the order heard (the tenant's default group may come too).</summary>
    private static string[] GroupsCreated(List<ChangeEvent> heard, string[] ours)
    {
        lock (heard)
        {
            return [.. heard.Where(c => c.ResourceType == "security_group" && c.Action == "create" && ours.Contains(c.ResourceId)).Select(c => c.ResourceId)];
        }
    }

    private static bool Heard(List<ChangeEvent> heard, string resourceId)
    {
        lock (heard)
        {
            return heard.Exists(c => c.ResourceId == resourceId);
        }
    }
}
