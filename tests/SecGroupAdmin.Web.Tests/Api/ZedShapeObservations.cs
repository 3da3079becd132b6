using System.Text.Json.Nodes;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// What the reference Neutron (Zed, python3-neutron 21.0.0, headers auth, SQLite) answered on 2026-12-07 to the
/// default-security-group-rules requests (Zed predates the API: every one is 404 HTTPNotFound, the deliberate delta is
/// that we implement 2023.2's API) and to the requests whose error shapes the template's validation shares (required
/// attribute, boolean conversion). 9 requests; kept in our own form. <see cref="ZedShapeTests"/> checks that our
/// answers to the corresponding default-rule requests have the same envelope, type and message pattern.
/// </summary>
public static class ZedShapeObservations
{
    public sealed record Row(int N, string Case, string Method, string Path, string? Body, string Roles, int Status, string Type, string Message);

    public static readonly IReadOnlyList<Row> Rows =
    [
        new(1, "Zed lacks the API: list", "GET", "/v2.0/default-security-group-rules", null, "admin", 404, "HTTPNotFound", "The resource could not be found."),
        new(2, "Zed lacks the API: create", "POST", "/v2.0/default-security-group-rules",
            """{"default_security_group_rule": {"direction": "ingress", "used_in_default_sg": true, "used_in_non_default_sg": true}}""", "admin", 404, "HTTPNotFound", "The resource could not be found."),
        new(3, "Zed lacks the API: show", "GET", "/v2.0/default-security-group-rules/9d8e3a52-4f0b-4c5e-9a51-2f7c8d1e6b01", null, "member", 404, "HTTPNotFound", "The resource could not be found."),
        new(4, "Zed lacks the API: delete", "DELETE", "/v2.0/default-security-group-rules/9d8e3a52-4f0b-4c5e-9a51-2f7c8d1e6b01", null, "admin", 404, "HTTPNotFound", "The resource could not be found."),
        new(5, "required attribute (rules)", "POST", "/v2.0/security-group-rules", """{"security_group_rule": {"ethertype": "IPv4"}}""", "member", 400, "HTTPBadRequest",
            "Failed to parse request. Required attribute 'security_group_id' not specified"),
        new(6, "boolean conversion (stateful)", "POST", "/v2.0/security-groups", """{"security_group": {"name": "x", "stateful": "maybe"}}""", "member", 400, "InvalidInput",
            "Invalid input for operation: 'maybe' cannot be converted to boolean."),
        new(7, "boolean conversion of null", "POST", "/v2.0/security-groups", """{"security_group": {"name": "x", "stateful": null}}""", "member", 400, "InvalidInput",
            "Invalid input for operation: 'None' cannot be converted to boolean."),
        new(8, "'yes' is a boolean", "POST", "/v2.0/security-groups", """{"security_group": {"name": "x", "stateful": "yes"}}""", "member", 201, "", ""),
        new(9, "1 is a boolean", "POST", "/v2.0/security-groups", """{"security_group": {"name": "x2", "stateful": 1}}""", "member", 201, "", ""),
    ];
}

/// <summary>Our default-rule answers against the shapes of <see cref="ZedShapeObservations"/>.</summary>
public class ZedShapeTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    private const string Path = "/v2.0/default-security-group-rules";

    private static string Create(string fields) => "{\"default_security_group_rule\": {" + fields + "}}";

    [Fact]
    public async Task Default_rule_errors_have_the_references_envelope_and_messages()
    {
        var rows = ZedShapeObservations.Rows;
        Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => r.N));
        var admin = host.Client("cloudAdmin");

        // Rows 1-4: the envelope of a 404 (ours names the missing rule: 2023.2's DefaultSecurityGroupRuleNotFound).
        var (status, body) = await ApiTestHost.SendAsync(admin, "GET", $"{Path}/00000000-0000-0000-0000-000000000000");
        Assert.Equal(rows[2].Status, status);
        AssertEnvelope(body, "DefaultSecurityGroupRuleNotFound", "Default Security Group rule 00000000-0000-0000-0000-000000000000 does not exist");

        // Row 5's pattern for the template's required attributes.
        (status, body) = await ApiTestHost.SendAsync(admin, "POST", Path, Create("\"direction\": \"egress\""));
        Assert.Equal(rows[4].Status, status);
        AssertEnvelope(body, rows[4].Type, rows[4].Message.Replace("security_group_id", "used_in_default_sg", StringComparison.Ordinal));

        // Rows 6-9: the flags convert as stateful does.
        foreach (var (value, row) in new[] { ("\"maybe\"", rows[5]), ("null", rows[6]) })
        {
            (status, body) = await ApiTestHost.SendAsync(admin, "POST", Path, Create($"\"direction\": \"egress\", \"used_in_default_sg\": {value}, \"used_in_non_default_sg\": false"));
            Assert.Equal(row.Status, status);
            AssertEnvelope(body, row.Type, row.Message);
        }
        (status, body) = await ApiTestHost.SendAsync(admin, "POST", Path, Create("\"direction\": \"egress\", \"protocol\": \"gre\", \"used_in_default_sg\": \"yes\", \"used_in_non_default_sg\": 0"));
        Assert.Equal(rows[7].Status, status);
        Assert.True((bool)body!["default_security_group_rule"]!["used_in_default_sg"]!);
        Assert.False((bool)body["default_security_group_rule"]!["used_in_non_default_sg"]!);
        Assert.Equal(204, (await ApiTestHost.SendAsync(admin, "DELETE", $"{Path}/{(string)body["default_security_group_rule"]!["id"]!}")).Status);
    }

    private static void AssertEnvelope(JsonNode? body, string type, string message)
    {
        var error = body?["NeutronError"]?.AsObject();
        Assert.NotNull(error);
        Assert.Equal(["detail", "message", "type"], error!.Select(p => p.Key).Order());
        Assert.Equal(type, (string?)error["type"]);
        Assert.Equal(message, (string?)error["message"]);
        Assert.Equal("", (string?)error["detail"]);
    }
}
