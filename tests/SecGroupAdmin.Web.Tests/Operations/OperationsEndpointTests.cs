using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace SecGroupAdmin.Web.Tests.Operations;

/// <summary>
/// <c>/alive</c>, <c>/health</c> and the Prometheus endpoint on the real app over Kestrel (SQLite; Redis configured
/// on a port where nothing listens for the degraded case). The database-down case is in the E2E project's
/// <c>Faults</c> tests, which stop a real PostgreSQL.
/// </summary>
public sealed class OperationsEndpointTests
{
    private static async Task<(HttpStatusCode Status, JsonNode Body)> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static async Task<HttpClient> TokenClientAsync(TestAppHost app)
    {
        var user = await app.People.PersonAsync("ops-member@test.example", Role.Member, "ops");
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Auth-Token", await app.People.TokenAsync(user, "ops"));
        return client;
    }

    [Fact]
    public async Task Alive_and_health_answer_healthy_without_signing_in()
    {
        await using var app = TestAppHost.Start();
        using var anonymous = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        var (status, body) = await GetJsonAsync(anonymous, "/alive");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", (string?)body["status"]);

        (status, body) = await GetJsonAsync(anonymous, "/health");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", (string?)body["status"]);
        Assert.Equal("Healthy", (string?)body["checks"]!["database"]!["status"]);
        Assert.Null(body["checks"]!["redis"]);
    }

    [Fact]
    public async Task With_redis_configured_but_down_the_instance_starts_serves_the_api_and_reports_degraded()
    {
        // Nothing listens on this port: before, hosting failed to start on the change relay's SUBSCRIBE.
        await using var app = TestAppHost.Start(new TestAppOptions
        {
            RedisConfiguration = $"127.0.0.1:{FreePort.Next()},connectTimeout=500",
            Settings = new Dictionary<string, string> { ["Redis:RetrySeconds"] = "0.5" },
        });
        using var anonymous = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };

        var (status, body) = await GetJsonAsync(anonymous, "/health");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", (string?)body["status"]);
        Assert.Equal("Degraded", (string?)body["checks"]!["redis"]!["status"]);
        Assert.Equal("Healthy", (string?)body["checks"]!["database"]!["status"]);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/alive")).StatusCode);

        using var api = await TokenClientAsync(app);
        var created = await api.PostAsJsonAsync("/v2.0/security-groups", new { security_group = new { name = "without-redis" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/v2.0/security-groups")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/Account/Login")).StatusCode);
    }

    [Fact]
    public async Task The_prometheus_endpoint_is_off_by_default()
    {
        await using var app = TestAppHost.Start();
        using var anonymous = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task When_enabled_the_prometheus_endpoint_shows_the_apps_meter()
    {
        await using var app = TestAppHost.Start(new TestAppOptions
        {
            Settings = new Dictionary<string, string> { ["Telemetry:Prometheus:Enabled"] = "true" },
        });
        using var api = await TokenClientAsync(app);
        var group = await api.PostAsJsonAsync("/v2.0/security-groups", new { security_group = new { name = "metered" } });
        Assert.Equal(HttpStatusCode.Created, group.StatusCode);
        var groupId = (string)(await group.Content.ReadFromJsonAsync<JsonObject>())!["security_group"]!["id"]!;
        var rule = new
        {
            security_group_rule = new
            {
                security_group_id = groupId, direction = "ingress", protocol = "tcp", port_range_min = 22, port_range_max = 22,
                remote_ip_prefix = "192.0.2.0/24",
            },
        };
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/v2.0/security-group-rules", rule)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsJsonAsync("/v2.0/security-group-rules", rule)).StatusCode);

        using var anonymous = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var scrape = await anonymous.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        var text = await scrape.Content.ReadAsStringAsync();
        Assert.Contains("secgroupadmin_writes_total{", text);
        Assert.Contains("resource=\"security_group_rule\"", text);
        Assert.Contains("secgroupadmin_rule_duplicates_total", text);
        Assert.Contains("type=\"SecurityGroupRuleExists\"", text);
        Assert.Contains("http_server_request_duration_seconds", text);
    }
}
