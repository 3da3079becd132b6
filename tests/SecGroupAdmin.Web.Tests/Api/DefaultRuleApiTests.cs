using System.Text.Json.Nodes;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// <c>/v2.0/default-security-group-rules</c> over Kestrel and SQLite: the seeded template, Neutron's (2023.2+) fields,
/// errors and messages (neutron/extensions/security_groups_default_rules.py, securitygroups_db.py), and new groups made
/// from the template. The reference (Zed) has no such API (it answers 404 HTTPNotFound, see
/// <see cref="ZedShapeObservations"/>); the general error shapes (required attribute, boolean conversion) are Zed's.
/// Each test that changes the template puts it back.
/// </summary>
public class DefaultRuleApiTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    private const string Path = "/v2.0/default-security-group-rules";

    private static readonly string[] ViewKeys =
    [
        "description", "direction", "ethertype", "id", "port_range_max", "port_range_min", "protocol", "remote_address_group_id",
        "remote_group_id", "remote_ip_prefix", "used_in_default_sg", "used_in_non_default_sg",
    ];

    private Task<(int Status, JsonNode? Body)> Send(string who, string method, string path, string? body = null) =>
        ApiTestHost.SendAsync(host.Client(who), method, path, body);

    private static string Rule(string fields) => "{\"default_security_group_rule\": " + fields + "}";

    private async Task<string> CreateAsync(string fields)
    {
        var (status, body) = await Send("cloudAdmin", "POST", Path, Rule(fields));
        Assert.True(status == 201, body?.ToJsonString());
        return (string)body!["default_security_group_rule"]!["id"]!;
    }

    private async Task DeleteAsync(string id) => Assert.Equal(204, (await Send("cloudAdmin", "DELETE", $"{Path}/{id}")).Status);

    private static void AssertError(JsonNode? body, string type, string message)
    {
        Assert.Equal(type, (string?)body?["NeutronError"]?["type"]);
        Assert.Equal(message, (string?)body?["NeutronError"]?["message"]);
    }

    [Fact]
    public async Task The_template_starts_with_the_four_rules_that_were_hard_coded()
    {
        var (status, body) = await Send("readerA", "GET", $"{Path}?sort_key=id&sort_dir=asc");
        Assert.Equal(200, status);
        var rules = body!["default_security_group_rules"]!.AsArray().Where(r => ((string)r!["description"]!).StartsWith("Legacy", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, rules.Count);
        Assert.All(rules, r => Assert.Equal(ViewKeys, r!.AsObject().Select(p => p.Key).Order()));
        var egress = rules.Where(r => (string?)r!["direction"] == "egress").ToList();
        Assert.Equal(["IPv4", "IPv6"], egress.Select(r => (string)r!["ethertype"]!).Order());
        Assert.All(egress, r =>
        {
            Assert.Null(r!["remote_group_id"]);
            Assert.True((bool)r["used_in_default_sg"]!);
            Assert.True((bool)r["used_in_non_default_sg"]!);
            Assert.Equal("Legacy default SG rule for egress traffic", (string?)r["description"]);
        });
        var ingress = rules.Where(r => (string?)r!["direction"] == "ingress").ToList();
        Assert.Equal(["IPv4", "IPv6"], ingress.Select(r => (string)r!["ethertype"]!).Order());
        Assert.All(ingress, r =>
        {
            Assert.Equal("PARENT", (string?)r!["remote_group_id"]);
            Assert.True((bool)r["used_in_default_sg"]!);
            Assert.False((bool)r["used_in_non_default_sg"]!);
        });
    }

    [Fact]
    public async Task Create_show_delete_with_neutrons_defaults_and_normalisation()
    {
        var (status, body) = await Send("cloudAdmin", "POST", Path,
            Rule("""{"direction": "ingress", "protocol": "TCP", "port_range_min": 1, "port_range_max": 65535, "remote_ip_prefix": "10.1.2.3/16", "used_in_default_sg": "false", "used_in_non_default_sg": 0}"""));
        Assert.Equal(201, status);
        var rule = body!["default_security_group_rule"]!;
        Assert.Equal(ViewKeys, rule.AsObject().Select(p => p.Key).Order());
        var id = (string)rule["id"]!;
        try
        {
            Assert.Equal("IPv4", (string?)rule["ethertype"]);
            Assert.Equal("tcp", (string?)rule["protocol"]);
            Assert.Null(rule["port_range_min"]);
            Assert.Null(rule["port_range_max"]);
            Assert.Equal("10.1.2.3/16", (string?)rule["remote_ip_prefix"]);
            Assert.Equal("", (string?)rule["description"]);
            Assert.False((bool)rule["used_in_default_sg"]!);
            Assert.False((bool)rule["used_in_non_default_sg"]!);

            (status, body) = await Send("memberB", "GET", $"{Path}/{id}?fields=id&fields=protocol");
            Assert.Equal(200, status);
            Assert.Equal(["id", "protocol"], body!["default_security_group_rule"]!.AsObject().Select(p => p.Key).Order());
        }
        finally
        {
            await DeleteAsync(id);
        }
        (status, body) = await Send("memberA", "GET", $"{Path}/{id}");
        Assert.Equal(404, status);
        AssertError(body, "DefaultSecurityGroupRuleNotFound", $"Default Security Group rule {id} does not exist");
        (status, body) = await Send("cloudAdmin", "DELETE", $"{Path}/{id}");
        Assert.Equal(404, status);
        AssertError(body, "DefaultSecurityGroupRuleNotFound", $"Default Security Group rule {id} does not exist");
    }

    [Fact]
    public async Task Duplicates_name_the_existing_rule_within_the_same_kind_of_group()
    {
        var seeded = (await Send("cloudAdmin", "GET", $"{Path}?direction=egress&ethertype=IPv4&remote_group_id="))
            .Body!["default_security_group_rules"]!.AsArray().Single(r => ((string)r!["description"]!).StartsWith("Legacy", StringComparison.Ordinal))!;
        // Same rule for other groups (protocol spelled differently does not matter: none here).
        var (status, body) = await Send("cloudAdmin", "POST", Path,
            Rule("""{"direction": "egress", "ethertype": "ipv4", "remote_ip_prefix": "0.0.0.0/0", "description": "again", "used_in_default_sg": false, "used_in_non_default_sg": true}"""));
        Assert.Equal(409, status);
        AssertError(body, "DefaultSecurityGroupRuleExists", $"Default Security group rule already exists. Rule id is {(string)seeded["id"]!}.");

        // The same rule for neither kind of group is not a duplicate.
        var unused = await CreateAsync("""{"direction": "egress", "used_in_default_sg": false, "used_in_non_default_sg": false}""");
        await DeleteAsync(unused);

        // Twice in one bulk request.
        (status, body) = await Send("cloudAdmin", "POST", Path, """
            {"default_security_group_rules": [
              {"direction": "ingress", "protocol": "tcp", "port_range_min": 22, "port_range_max": 22, "used_in_default_sg": true, "used_in_non_default_sg": false},
              {"direction": "ingress", "protocol": "6", "port_range_min": 22, "port_range_max": 22, "used_in_default_sg": true, "used_in_non_default_sg": true}]}
            """);
        Assert.Equal(409, status);
        AssertError(body, "DuplicateDefaultSgRuleInPost", "Duplicate Default Security Group Rule in POST.");
        Assert.Empty((await Send("cloudAdmin", "GET", $"{Path}?port_range_min=22")).Body!["default_security_group_rules"]!.AsArray());
    }

    [Fact]
    public async Task Bulk_create_is_all_or_nothing()
    {
        var (status, body) = await Send("cloudAdmin", "POST", Path, """
            {"default_security_group_rules": [
              {"direction": "ingress", "protocol": "udp", "port_range_min": 5301, "port_range_max": 5301, "used_in_default_sg": false, "used_in_non_default_sg": false},
              {"direction": "ingress", "protocol": "udp", "port_range_min": 5302, "port_range_max": 5301, "used_in_default_sg": false, "used_in_non_default_sg": false}]}
            """);
        Assert.Equal(400, status);
        Assert.Equal("SecurityGroupInvalidPortRange", (string?)body!["NeutronError"]!["type"]);
        Assert.Empty((await Send("cloudAdmin", "GET", $"{Path}?port_range_min=5301")).Body!["default_security_group_rules"]!.AsArray());

        (status, body) = await Send("cloudAdmin", "POST", Path, """
            {"default_security_group_rules": [
              {"direction": "ingress", "protocol": "udp", "port_range_min": 5301, "port_range_max": 5301, "used_in_default_sg": false, "used_in_non_default_sg": false},
              {"direction": "ingress", "protocol": "udp", "port_range_min": 5302, "port_range_max": 5302, "used_in_default_sg": false, "used_in_non_default_sg": false}]}
            """);
        Assert.Equal(201, status);
        var created = body!["default_security_group_rules"]!.AsArray();
        Assert.Equal(2, created.Count);
        foreach (var r in created)
        {
            await DeleteAsync((string)r!["id"]!);
        }
    }

    public static TheoryData<string, string, string, string> Refusals => new()
    {
        { "no direction", """{"used_in_default_sg": true, "used_in_non_default_sg": true}""", "HTTPBadRequest", "Failed to parse request. Required attribute 'direction' not specified" },
        { "no used_in_default_sg", """{"direction": "egress", "used_in_non_default_sg": true}""", "HTTPBadRequest", "Failed to parse request. Required attribute 'used_in_default_sg' not specified" },
        { "no used_in_non_default_sg", """{"direction": "egress", "used_in_default_sg": true}""", "HTTPBadRequest", "Failed to parse request. Required attribute 'used_in_non_default_sg' not specified" },
        { "flag not a boolean", """{"direction": "egress", "used_in_default_sg": "maybe", "used_in_non_default_sg": true}""", "InvalidInput", "Invalid input for operation: 'maybe' cannot be converted to boolean." },
        { "flag null", """{"direction": "egress", "used_in_default_sg": true, "used_in_non_default_sg": null}""", "InvalidInput", "Invalid input for operation: 'None' cannot be converted to boolean." },
        { "bad direction", """{"direction": "sideways", "used_in_default_sg": true, "used_in_non_default_sg": true}""", "HTTPBadRequest", "Invalid input for direction. Reason: sideways is not in valid_values." },
        { "ports without protocol", """{"direction": "ingress", "port_range_min": 22, "port_range_max": 22, "used_in_default_sg": true, "used_in_non_default_sg": true}""", "SecurityGroupProtocolRequiredWithPorts", "Must also specify protocol if port range is given." },
        { "prefix against ethertype", """{"direction": "ingress", "ethertype": "IPv6", "remote_ip_prefix": "10.0.0.0/8", "used_in_default_sg": true, "used_in_non_default_sg": true}""", "SecurityGroupRuleParameterConflict", "Conflicting value ethertype IPv6 for CIDR 10.0.0.0/8" },
        { "two remotes", """{"direction": "ingress", "remote_ip_prefix": "10.0.0.0/8", "remote_group_id": "PARENT", "used_in_default_sg": true, "used_in_non_default_sg": true}""", "SecurityGroupMultipleRemoteEntites", "Only one of remote_ip_prefix or remote_group_id or remote_address_group_id may be provided." },
        { "read-only id", """{"id": "x", "direction": "egress", "used_in_default_sg": true, "used_in_non_default_sg": true}""", "HTTPBadRequest", "Attribute 'id' not allowed in POST" },
        { "unknown attribute", """{"security_group_id": "x", "direction": "egress", "used_in_default_sg": true, "used_in_non_default_sg": true}""", "HTTPBadRequest", "Unrecognized attribute(s) 'security_group_id'" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Bad_rules_get_neutrons_errors_and_nothing_is_written(string caseName, string fields, string type, string message)
    {
        var before = (await Send("cloudAdmin", "GET", Path)).Body!["default_security_group_rules"]!.AsArray().Count;
        var (status, body) = await Send("cloudAdmin", "POST", Path, Rule(fields));
        Assert.True(status == 400, $"{caseName}: {status} {body?.ToJsonString()}");
        AssertError(body, type, message);
        // A non-admin gets the same 400 (Neutron validates the body before the policy), never a write.
        Assert.Equal(400, (await Send("memberA", "POST", Path, Rule(fields))).Status);
        Assert.Equal(before, (await Send("cloudAdmin", "GET", Path)).Body!["default_security_group_rules"]!.AsArray().Count);
    }

    [Fact]
    public async Task Update_is_not_allowed_and_extension_is_listed()
    {
        var (status, body) = await Send("cloudAdmin", "PUT", $"{Path}/9d8e3a52-4f0b-4c5e-9a51-2f7c8d1e6b02", Rule("""{"description": "x"}"""));
        Assert.Equal(405, status);
        Assert.Equal("HTTPMethodNotAllowed", (string?)body?["NeutronError"]?["type"]);

        (status, body) = await Send("readerA", "GET", "/v2.0/extensions");
        Assert.Equal(200, status);
        var extension = body!["extensions"]!.AsArray().Single(e => (string?)e!["alias"] == "security-groups-default-rules")!;
        Assert.Equal("Default rules for security groups", (string?)extension["name"]);
        Assert.Equal("Configure set of security group rules used as default rules for every new security group", (string?)extension["description"]);
    }

    [Fact]
    public async Task Lists_filter_sort_and_page_like_the_other_lists()
    {
        var (status, body) = await Send("memberA", "GET", $"{Path}?used_in_non_default_sg=false&fields=id&fields=remote_group_id");
        Assert.Equal(200, status);
        var parent = body!["default_security_group_rules"]!.AsArray();
        Assert.True(parent.Count >= 2);
        Assert.All(parent, r => Assert.Equal(["id", "remote_group_id"], r!.AsObject().Select(p => p.Key).Order()));

        (status, body) = await Send("memberA", "GET", $"{Path}?limit=1&sort_key=ethertype&sort_dir=desc&description=Legacy%20default%20SG%20rule%20for%20egress%20traffic");
        Assert.Equal(200, status);
        var page = body!["default_security_group_rules"]!.AsArray();
        Assert.Equal("IPv6", (string?)Assert.Single(page)!["ethertype"]);
        Assert.NotNull(body["default_security_group_rules_links"]);

        (status, body) = await Send("memberA", "GET", $"{Path}?sort_key=description&sort_dir=asc");
        Assert.Equal(400, status);
        AssertError(body, "HTTPBadRequest", "['description'] is invalid attribute for sort_keys");
        (status, _) = await Send("memberA", "GET", $"{Path}?project_id=x");
        Assert.Equal(400, status);
    }

    [Fact]
    public async Task Only_a_cloud_admin_writes()
    {
        var fields = """{"direction": "egress", "protocol": "icmp", "used_in_default_sg": false, "used_in_non_default_sg": false}""";
        foreach (var who in new[] { "memberA", "adminA", "readerA", "auditor" })
        {
            var (status, body) = await Send(who, "POST", Path, Rule(fields));
            Assert.Equal(403, status);
            AssertError(body, "PolicyNotAuthorized", "rule:create_default_security_group_rule is disallowed by policy");
            (status, body) = await Send(who, "DELETE", $"{Path}/9d8e3a52-4f0b-4c5e-9a51-2f7c8d1e6b02");
            Assert.Equal(403, status);
            AssertError(body, "PolicyNotAuthorized", "rule:delete_default_security_group_rule is disallowed by policy");
        }
        Assert.Equal(401, (await ApiTestHost.SendAsync(host.Client(null), "GET", Path)).Status);
    }

    [Fact]
    public async Task New_groups_are_made_from_the_template_and_existing_groups_are_untouched()
    {
        // Tenant B's default group exists before the change.
        var before = (await Send("memberB", "GET", "/v2.0/security-groups?name=default")).Body!["security_groups"]![0]!;
        var ssh = await CreateAsync("""{"direction": "ingress", "protocol": "tcp", "port_range_min": 22, "port_range_max": 22, "remote_group_id": "PARENT", "description": "ssh from peers", "used_in_default_sg": false, "used_in_non_default_sg": true}""");
        try
        {
            var (status, body) = await Send("memberB", "POST", "/v2.0/security-groups", """{"security_group": {"name": "from-template"}}""");
            Assert.Equal(201, status);
            var group = body!["security_group"]!;
            var rules = group["security_group_rules"]!.AsArray();
            Assert.Equal(3, rules.Count);
            var sshRule = rules.Single(r => (string?)r!["protocol"] == "tcp")!;
            Assert.Equal((string?)group["id"], (string?)sshRule["remote_group_id"]);
            Assert.Equal(22, (int?)sshRule["port_range_min"]);
            Assert.Null(sshRule["description"]);

            var after = (await Send("memberB", "GET", $"/v2.0/security-groups/{(string)before["id"]!}")).Body!["security_group"]!;
            Assert.Equal(before["security_group_rules"]!.AsArray().Count, after["security_group_rules"]!.AsArray().Count);
        }
        finally
        {
            await DeleteAsync(ssh);
        }
    }

    [Fact]
    public async Task The_rule_quota_charged_for_a_new_group_follows_the_template()
    {
        // Tenant A's default group (4 rules) exists; allow exactly 4 + 2 rules: a new group with 2 template rules fits, with 3 not.
        await Send("memberA", "GET", "/v2.0/security-groups");
        var count = (await Send("cloudAdmin", "GET", $"/v2.0/security-group-rules?project_id={host.TenantA}&fields=id")).Body!["security_group_rules"]!.AsArray().Count;
        Assert.Equal(200, (await Send("cloudAdmin", "PUT", $"/v2.0/quotas/{host.TenantA}", "{\"quota\": {\"security_group_rule\": " + (count + 2) + "}}")).Status);
        var extra = await CreateAsync("""{"direction": "egress", "protocol": "udp", "port_range_min": 53, "port_range_max": 53, "used_in_default_sg": false, "used_in_non_default_sg": true}""");
        try
        {
            var (status, body) = await Send("memberA", "POST", "/v2.0/security-groups", """{"security_group": {"name": "too-many"}}""");
            Assert.Equal(409, status);
            Assert.Equal("OverQuota", (string?)body!["NeutronError"]!["type"]);
        }
        finally
        {
            await DeleteAsync(extra);
        }
        var (ok, created) = await Send("memberA", "POST", "/v2.0/security-groups", """{"security_group": {"name": "fits"}}""");
        Assert.Equal(201, ok);
        Assert.Equal(2, created!["security_group"]!["security_group_rules"]!.AsArray().Count);
        Assert.Equal(204, (await Send("memberA", "DELETE", $"/v2.0/security-groups/{(string)created["security_group"]!["id"]!}")).Status);
        Assert.Equal(200, (await Send("cloudAdmin", "PUT", $"/v2.0/quotas/{host.TenantA}", """{"quota": {"security_group_rule": -1}}""")).Status);
    }
}
