using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// Bulk creates carry at most <c>Api:MaxBulkItems</c> resources (default 1,000); more are refused with 413
/// HTTPRequestEntityTooLarge before anything is validated or written. The real app over Kestrel.
/// </summary>
public sealed class BulkCapTests : IAsyncLifetime
{
    private TestAppHost defaults = null!;
    private TestAppHost capped = null!;

    public async Task InitializeAsync()
    {
        defaults = TestAppHost.Start(new TestAppOptions { AdminEmail = "root@bulk.test" });
        capped = TestAppHost.Start(new TestAppOptions
        {
            AdminEmail = "root@bulk.test",
            Settings = new Dictionary<string, string> { ["Api:MaxBulkItems"] = "3" },
        });
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await defaults.DisposeAsync();
        await capped.DisposeAsync();
    }

    [Fact]
    public async Task Over_1000_groups_or_rules_in_one_bulk_post_answer_413_and_write_nothing()
    {
        var (client, groupId) = await ClientWithGroupAsync(defaults);
        var groupsBefore = await CountAsync(defaults);

        var (status, body) = await PostAsync(client, "/v2.0/security-groups", Groups(1001));
        AssertTooLarge(status, body, "Bulk request has 1001 items; at most 1000 are accepted in one request.");

        (status, body) = await PostAsync(client, "/v2.0/security-group-rules", Rules(groupId, 2000));
        AssertTooLarge(status, body, "Bulk request has 2000 items; at most 1000 are accepted in one request.");

        Assert.Equal(groupsBefore, await CountAsync(defaults));
    }

    [Fact]
    public async Task The_cap_is_configurable_and_a_bulk_post_within_it_is_created()
    {
        var (client, groupId) = await ClientWithGroupAsync(capped);
        var groupsBefore = await CountAsync(capped);

        var (status, body) = await PostAsync(client, "/v2.0/security-groups", Groups(4));
        AssertTooLarge(status, body, "Bulk request has 4 items; at most 3 are accepted in one request.");
        (status, body) = await PostAsync(client, "/v2.0/security-group-rules", Rules(groupId, 4));
        AssertTooLarge(status, body, "Bulk request has 4 items; at most 3 are accepted in one request.");
        Assert.Equal(groupsBefore, await CountAsync(capped));

        (status, body) = await PostAsync(client, "/v2.0/security-groups", Groups(3));
        Assert.True(status == 201, body?.ToJsonString());
        Assert.Equal(3, body!["security_groups"]!.AsArray().Count);
        (status, body) = await PostAsync(client, "/v2.0/security-group-rules", Rules(groupId, 3));
        Assert.True(status == 201, body?.ToJsonString());
    }

    private static void AssertTooLarge(int status, JsonNode? body, string message)
    {
        Assert.True(status == 413, body?.ToJsonString());
        Assert.Equal("HTTPRequestEntityTooLarge", (string?)body!["NeutronError"]!["type"]);
        Assert.Equal(message, (string?)body["NeutronError"]!["message"]);
    }

    private static string Groups(int count) =>
        "{\"security_groups\": [" + string.Join(", ", Enumerable.Range(0, count).Select(i => $"{{\"name\": \"bulk-{i}\"}}")) + "]}";

    private static string Rules(string groupId, int count) =>
        "{\"security_group_rules\": [" + string.Join(", ", Enumerable.Range(0, count).Select(i =>
            $"{{\"security_group_id\": \"{groupId}\", \"direction\": \"ingress\", \"protocol\": \"tcp\", \"port_range_min\": {i + 1}, \"port_range_max\": {i + 1}}}")) + "]}";

    private static async Task<(HttpClient Client, string GroupId)> ClientWithGroupAsync(TestAppHost host)
    {
        var member = await host.People.PersonAsync("member@bulk.test", Role.Member, "bulk");
        var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Auth-Token", await host.People.TokenAsync(member, "bulk"));
        var (status, body) = await PostAsync(client, "/v2.0/security-groups", "{\"security_group\": {\"name\": \"target\"}}");
        Assert.Equal(201, status);
        return (client, (string)body!["security_group"]!["id"]!);
    }

    private static async Task<int> CountAsync(TestAppHost host)
    {
        await using var db = await host.DbAsync();
        return await db.SecurityGroups.CountAsync() + await db.SecurityGroupRules.CountAsync();
    }

    private static async Task<(int Status, JsonNode? Body)> PostAsync(HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
