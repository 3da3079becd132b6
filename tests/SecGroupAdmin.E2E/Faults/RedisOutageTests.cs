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

        // Back: a change made on A reaches B's pages through the relay, and a hub client on B through the backplane.
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

    private static bool Heard(List<ChangeEvent> heard, string resourceId)
    {
        lock (heard)
        {
            return heard.Exists(c => c.ResourceId == resourceId);
        }
    }
}
