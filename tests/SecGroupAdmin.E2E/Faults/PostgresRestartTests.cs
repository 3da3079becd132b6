using System.Net;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Testing;
using static SecGroupAdmin.E2E.Faults.FaultTestClient;

namespace SecGroupAdmin.E2E.Faults;

/// <summary>
/// A REAL PostgreSQL of this test's own (never the shared one) stopped and started under a running app: requests
/// during the outage answer 503 (NeutronError <c>ServiceUnavailable</c>), nothing is half-written, and the app serves
/// again once the server is back, without a restart.
/// </summary>
public sealed class PostgresRestartTests
{
    [Fact]
    public async Task Requests_during_a_postgresql_outage_get_503_and_the_app_recovers_without_a_restart()
    {
        await using var postgres = await PostgresTestServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using var app = TestAppHost.Start(new TestAppOptions { PostgresConnectionString = database });
        using var api = await MemberAsync(app, "pg-member@e2e.test", "pg-outage");
        using var anonymous = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        Assert.Equal(HttpStatusCode.Created, (await CreateGroupAsync(api, "before-outage")).StatusCode);

        await postgres.StopAsync();
        try
        {
            var write = await CreateGroupAsync(api, "during-outage");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
            var error = System.Text.Json.Nodes.JsonNode.Parse(await write.Content.ReadAsStringAsync())!["NeutronError"]!;
            Assert.Equal("ServiceUnavailable", (string?)error["type"]);
            Assert.Contains("database is unavailable", (string?)error["message"]);

            var (status, _) = await GetJsonAsync(api, "/v2.0/security-groups");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);

            var (healthStatus, health) = await GetJsonAsync(anonymous, "/health");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, healthStatus);
            Assert.Equal("Unhealthy", (string?)health!["status"]);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/alive")).StatusCode);
        }
        finally
        {
            await postgres.RestartAsync();
        }

        // Pooled connections broken by the restart are dropped as they are met: the app recovers by itself.
        await EventuallyAsync(async () => (await api.GetAsync("/v2.0/security-groups")).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the API to serve again");
        Assert.Equal(HttpStatusCode.Created, (await CreateGroupAsync(api, "after-outage")).StatusCode);
        Assert.Equal("Healthy", (string?)(await GetJsonAsync(anonymous, "/health")).Body!["status"]);

        await using var db = await app.DbAsync();
        var names = await db.SecurityGroups.Select(g => g.Name).ToListAsync();
        Assert.Contains("before-outage", names);
        Assert.Contains("after-outage", names);
        Assert.DoesNotContain("during-outage", names);
    }
}
