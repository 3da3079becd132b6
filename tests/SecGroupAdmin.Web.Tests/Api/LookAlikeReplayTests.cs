using System.Text.Json.Nodes;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// Replays <see cref="LookAlikeObservations"/> against our API: what the reference accepted (non-ASCII digits in a
/// prefix) is stored the same way, what it refused is refused with its type and message, and control characters in
/// names and descriptions are refused (the documented delta) with nothing stored.
/// </summary>
public class LookAlikeReplayTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    [Fact]
    public async Task Look_alike_input_answers_as_recorded()
    {
        var client = host.Client("memberA");
        var (status, created) = await ApiTestHost.SendAsync(client, "POST", "/v2.0/security-groups",
            new JsonObject { ["security_group"] = new JsonObject { ["name"] = "lookalike" } }.ToJsonString());
        Assert.Equal(201, status);
        var groupId = (string)created!["security_group"]!["id"]!;
        var port = 1000;

        foreach (var row in LookAlikeObservations.Rows)
        {
            var (path, body) = Request(row, groupId, port++);
            var (actualStatus, actual) = await ApiTestHost.SendAsync(client, row.Method, path, body);
            var where = $"{row.Case} (reference: {row.Reference}) → {actual?.ToJsonString()}";
            Assert.True(row.Status == actualStatus, $"{where}: expected {row.Status}");
            if (row.Type is not null)
            {
                Assert.True(row.Type == (string?)actual!["NeutronError"]!["type"], $"{where}: type");
                Assert.True(row.Message == (string?)actual["NeutronError"]!["message"], $"{where}: message");
            }
            if (row.Stored is not null)
            {
                Assert.True(row.Stored == (string?)actual!["security_group_rule"]!["remote_ip_prefix"], $"{where}: remote_ip_prefix");
                Assert.True(row.Stored == (string?)actual["security_group_rule"]!["normalized_cidr"], $"{where}: normalized_cidr");
            }
        }

        // Nothing refused was stored: the group kept its name, and only the group with a two-line description appeared.
        var (_, groups) = await ApiTestHost.SendAsync(client, "GET", "/v2.0/security-groups?fields=name&fields=description");
        Assert.Equal(["d: line1\nline2", "default: Default security group", "lookalike: "],
            groups!["security_groups"]!.AsArray().Select(g => $"{g!["name"]}: {g["description"]}").Order(StringComparer.Ordinal));
        var (_, ports) = await ApiTestHost.SendAsync(client, "GET", "/v2.0/ports");
        Assert.Empty(ports!["ports"]!.AsArray());
    }

    [Fact]
    public void The_table_records_the_deltas_it_claims()
    {
        var deltas = LookAlikeObservations.Rows.Where(r => r.Delta).ToList();
        Assert.Equal(16, deltas.Count);
        Assert.All(deltas, r => Assert.True(r.Field is "name" or "description", r.Case));
        Assert.All(LookAlikeObservations.Rows.Where(r => r.Field == "remote_ip_prefix"), r => Assert.False(r.Delta, r.Case));
    }

    private static (string Path, string Body) Request(LookAlikeRow row, string groupId, int port)
    {
        var resource = new JsonObject { [row.Field] = row.Value };
        switch (row.Resource)
        {
            case "security_group_rule":
                resource["security_group_id"] = groupId;
                resource["direction"] = "ingress";
                resource["ethertype"] = "IPv4";
                resource["protocol"] = "tcp";
                resource["port_range_min"] = port;
                resource["port_range_max"] = port;
                return ("/v2.0/security-group-rules", Wrap(row.Resource, resource));
            case "security_group":
                if (row.Field != "name" && row.Method == "POST")
                {
                    resource["name"] = "d";
                }
                return (row.Method == "PUT" ? "/v2.0/security-groups/" + groupId : "/v2.0/security-groups", Wrap(row.Resource, resource));
            default:
                resource["network_id"] = "net-1";
                return ("/v2.0/ports", Wrap(row.Resource, resource));
        }
    }

    private static string Wrap(string key, JsonObject resource) => new JsonObject { [key] = resource }.ToJsonString();
}
