using System.Text;
using System.Text.Json.Nodes;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// Replays <see cref="FidelityObservations"/> (the reference's answers behind issue #14's fidelity fixes) against our API
/// over the real app and SQLite, and checks the deliberate deltas around them: If-Match on address groups, and the
/// <c>normalized_cidr</c> filter (Zed ignores it; here it filters).
/// </summary>
public class FidelityReplayTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    private const string Ags = "/v2.0/address-groups";
    private const string Rules = "/v2.0/security-group-rules";
    private const string Sgs = "/v2.0/security-groups";

    private static async Task<(int Status, JsonNode? Body)> SendAsync(HttpClient client, string method, string path, string? body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>Memberᴀ's group 'webA' with a rule (tcp 22 from 10.0.0.0/8) and address group 'office' (10.0.0.0/8), as the recording set up.</summary>
    private static async Task<Dictionary<string, string>> SetUpAsync(HttpClient memberA, string suffix)
    {
        var vars = new Dictionary<string, string>();
        var (status, group) = await SendAsync(memberA, "POST", Sgs, "{\"security_group\": {\"name\": \"webA" + suffix + "\"}}");
        Assert.Equal(201, status);
        vars["SG"] = (string)group!["security_group"]!["id"]!;
        var (ifStatus, ifGroup) = await SendAsync(memberA, "POST", Sgs, "{\"security_group\": {\"name\": \"If" + suffix + "\"}}");
        Assert.Equal(201, ifStatus);
        vars["IF"] = (string)ifGroup!["security_group"]!["id"]!;
        vars["IFREV"] = ((long)ifGroup["security_group"]!["revision_number"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (ruleStatus, rule) = await SendAsync(memberA, "POST", Rules, $$$"""
            {"security_group_rule": {"security_group_id": "{{{vars["SG"]}}}", "direction": "ingress", "protocol": "tcp",
             "port_range_min": 22, "port_range_max": 22, "remote_ip_prefix": "10.0.0.0/8"}}
            """);
        Assert.Equal(201, ruleStatus);
        vars["R"] = (string)rule!["security_group_rule"]!["id"]!;
        var (agStatus, ag) = await SendAsync(memberA, "POST", Ags, """{"address_group": {"name": "office", "addresses": ["10.0.0.0/8"]}}""");
        Assert.Equal(201, agStatus);
        vars["AG"] = (string)ag!["address_group"]!["id"]!;
        return vars;
    }

    [Fact]
    public async Task Every_fidelity_row_answers_like_the_reference_or_its_documented_delta()
    {
        var clients = new Dictionary<string, HttpClient>
        {
            [FidelityObservations.ProjA] = host.Client("memberA"),
            [FidelityObservations.ProjB] = host.Client("memberB"),
            [FidelityObservations.ReaderA] = host.Client("readerA"),
            [FidelityObservations.Admin] = host.Client("cloudAdmin"),
        };
        var vars = await SetUpAsync(clients[FidelityObservations.ProjA], "-replay");
        var rows = FidelityObservations.Rows;
        Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => r.N));
        foreach (var row in rows)
        {
            var path = ReferenceReplayTests.Sub(row.Path, vars);
            var (status, actual) = await SendAsync(clients[row.Who], row.Method, path, row.Body is null ? null : ReferenceReplayTests.Sub(row.Body, vars), row.IfMatch);
            var where = $"row {row.N} ({row.Case}) {row.Method} {path} → {actual?.ToJsonString()}";
            Assert.True(row.Status == status, $"{where}: expected status {row.Status}, got {status}");
            var error = actual?["NeutronError"];
            Assert.True(error is not null, $"{where}: expected a NeutronError");
            Assert.True(row.Type == (string?)error!["type"], $"{where}: expected type {row.Type}");
            var message = ReferenceReplayTests.Sub(row.Message, vars);
            Assert.True(message == (string?)error["message"], $"{where}: expected message {message}");
            Assert.True("" == (string?)error["detail"], $"{where}: detail");
        }
        // Nothing the refused requests named was changed.
        var (_, office) = await SendAsync(clients[FidelityObservations.ProjA], "GET", $"{Ags}/{vars["AG"]}", null);
        Assert.Equal("office", (string?)office!["address_group"]!["name"]);
        var (ruleStatus, _) = await SendAsync(clients[FidelityObservations.ProjA], "GET", $"{Rules}/{vars["R"]}", null);
        Assert.Equal(200, ruleStatus);
    }

    [Fact]
    public async Task An_address_group_update_with_its_current_revision_in_If_Match_succeeds_and_a_stale_one_changes_nothing()
    {
        var member = host.Client("memberA");
        var (_, created) = await SendAsync(member, "POST", Ags, """{"address_group": {"name": "lab", "addresses": ["10.0.0.0/8", "192.168.0.0/16"]}}""");
        var id = (string)created!["address_group"]!["id"]!;
        // The revision shows in the actions' answers (Zed's show has no revision_number): two addresses, revision 2.
        var (_, added) = await SendAsync(member, "PUT", $"{Ags}/{id}/add_addresses", """{"addresses": ["172.16.0.0/12"]}""");
        Assert.Equal(3L, (long)added!["address_group"]!["revision_number"]!);

        var (stale, refused) = await SendAsync(member, "PUT", $"{Ags}/{id}", """{"address_group": {"name": "lab2"}}""", "revision_number=2");
        Assert.Equal((412, "RevisionNumberConstraintFailed", "Constrained to 2, but current revision is 3"),
            (stale, (string?)refused!["NeutronError"]!["type"], (string?)refused["NeutronError"]!["message"]));
        var (ok, updated) = await SendAsync(member, "PUT", $"{Ags}/{id}", """{"address_group": {"name": "lab2"}}""", "revision_number=3");
        Assert.Equal((200, "lab2"), (ok, (string?)updated!["address_group"]!["name"]));
        var (deleted, _) = await SendAsync(member, "DELETE", $"{Ags}/{id}", null, "revision_number=4");
        Assert.Equal(204, deleted);
    }

    [Fact]
    public async Task The_normalized_cidr_filter_filters_rules_a_documented_delta()
    {
        var member = host.Client("memberA");
        var vars = await SetUpAsync(member, "-cidr");
        var (_, other) = await SendAsync(member, "POST", Rules, $$$"""
            {"security_group_rule": {"security_group_id": "{{{vars["SG"]}}}", "direction": "ingress", "protocol": "tcp",
             "port_range_min": 80, "port_range_max": 80, "remote_ip_prefix": "192.168.7.9/16"}}
            """);
        var otherId = (string)other!["security_group_rule"]!["id"]!;

        var (status, list) = await SendAsync(member, "GET", $"{Rules}?security_group_id={vars["SG"]}&normalized_cidr=192.168.0.0/16", null);
        Assert.Equal(200, status);
        var rule = Assert.Single(list!["security_group_rules"]!.AsArray());
        Assert.Equal((otherId, "192.168.0.0/16"), ((string?)rule!["id"], (string?)rule["normalized_cidr"]));
    }
}
