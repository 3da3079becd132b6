using System.Text.Json.Nodes;
using SecGroupAdmin.Web.Tests.Api;

namespace SecGroupAdmin.Web.Tests.Analysis;

/// <summary>
/// <c>POST /api/analysis/flow</c> and <c>GET /api/security-groups/{id}/findings</c> over the real app and its API tokens:
/// allowed and denied flows with every matching rule, remote groups expanded to their members' fixed_ips, address
/// groups, remote_port_id, port security off, a group shared with the tenant, every 400, and the authorization matrix.
/// The host is shared by the class: each test makes its own groups and ports with its own addresses.
/// </summary>
public class AnalysisApiTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    private Task<(int Status, JsonNode? Body)> Send(string? who, string method, string path, string? body = null) =>
        ApiTestHost.SendAsync(host.Client(who), method, path, body);

    private async Task<JsonNode> CreatedAsync(string who, string path, string body)
    {
        var (status, json) = await Send(who, "POST", path, body);
        Assert.True(status == 201, json?.ToJsonString());
        return json!;
    }

    private async Task<string> GroupAsync(string who, string name)
    {
        await UnlimitedQuotasAsync();
        return (string)(await CreatedAsync(who, "/v2.0/security-groups", $$$"""{"security_group": {"name": "{{{name}}}"}}"""))["security_group"]!["id"]!;
    }

    /// <summary>No quota on groups, rules and ports for both tenants (the tests of the class make many).</summary>
    private async Task UnlimitedQuotasAsync()
    {
        foreach (var tenant in new[] { host.TenantA, host.TenantB })
        {
            var (status, body) = await Send("cloudAdmin", "PUT", $"/v2.0/quotas/{tenant}",
                """{"quota": {"security_group": -1, "security_group_rule": -1, "port": -1}}""");
            Assert.True(status == 200, body?.ToJsonString());
        }
    }

    private async Task<string> RuleAsync(string who, string group, string fields) =>
        (string)(await CreatedAsync(who, "/v2.0/security-group-rules",
            $$$"""{"security_group_rule": {"security_group_id": "{{{group}}}", "direction": "ingress", "ethertype": "IPv4"{{{fields}}}}}"""))["security_group_rule"]!["id"]!;

    private async Task<string> PortAsync(string who, string[] groups, string[] ips, bool portSecurity = true)
    {
        await UnlimitedQuotasAsync();
        var groupList = string.Join(", ", groups.Select(g => $"\"{g}\""));
        var ipList = string.Join(", ", ips.Select(ip => $$"""{"ip_address": "{{ip}}"}"""));
        var security = portSecurity ? "true" : "false";
        var body = $$$"""{"port": {"network_id": "net-1", "security_groups": [{{{groupList}}}], "fixed_ips": [{{{ipList}}}], "port_security_enabled": {{{security}}}}}""";
        return (string)(await CreatedAsync(who, "/v2.0/ports", body))["port"]!["id"]!;
    }

    private Task<(int Status, JsonNode? Body)> FlowAsync(string? who, string body) => Send(who, "POST", "/api/analysis/flow", body);

    private async Task<JsonNode> AllowedAsync(string who, string body, bool expected)
    {
        var (status, json) = await FlowAsync(who, body);
        Assert.True(status == 200, json?.ToJsonString());
        Assert.True((bool)json!["allowed"]! == expected, json.ToJsonString());
        Assert.False(string.IsNullOrWhiteSpace((string?)json["reason"]));
        return json;
    }

    private static string[] Matching(JsonNode verdict) =>
        [.. verdict["matching_rules"]!.AsArray().Select(r => (string)r!["id"]!).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_flow_lists_every_matching_rule_and_a_denied_flow_none()
    {
        var group = await GroupAsync("memberA", "flow-web");
        var ssh = await RuleAsync("memberA", group, """, "protocol": "tcp", "port_range_min": 22, "port_range_max": 22, "remote_ip_prefix": "10.0.0.0/8" """);
        var range = await RuleAsync("memberA", group, """, "protocol": "6", "port_range_min": 20, "port_range_max": 30 """);
        await RuleAsync("memberA", group, """, "protocol": "udp", "port_range_min": 53, "port_range_max": 53 """);
        var port = await PortAsync("memberA", [group], ["10.70.0.5"]);

        var both = await AllowedAsync("readerA", $$"""{"port_id": "{{port}}", "direction": "ingress", "protocol": "tcp", "port": 22, "remote_ip": "10.1.2.3"}""", true);
        Assert.Equal(new[] { ssh, range }.Order(StringComparer.Ordinal), Matching(both));
        Assert.All(both["matching_rules"]!.AsArray(), r => Assert.Equal(group, (string)r!["security_group_id"]!));

        var byNumber = await AllowedAsync("readerA", $$"""{"port_id": "{{port}}", "direction": "ingress", "ethertype": "IPv4", "protocol": 6, "port": 22, "remote_ip": "192.168.1.1"}""", true);
        Assert.Equal([range], Matching(byNumber));

        var denied = await AllowedAsync("readerA", $$"""{"port_id": "{{port}}", "direction": "ingress", "protocol": "tcp", "port": 80, "remote_ip": "10.1.2.3"}""", false);
        Assert.Empty(Matching(denied));
    }

    [Fact]
    public async Task A_remote_group_stands_for_its_members_fixed_ips_and_remote_port_id_for_a_ports_addresses()
    {
        var web = await GroupAsync("memberA", "rg-web");
        var db = await GroupAsync("memberA", "rg-db");
        var fromWeb = await RuleAsync("memberA", db, $$""", "protocol": "tcp", "port_range_min": 5432, "port_range_max": 5432, "remote_group_id": "{{web}}" """);
        var web1 = await PortAsync("memberA", [web], ["10.71.0.5"]);
        var other = await PortAsync("memberA", [], ["10.71.0.6"]);
        var db1 = await PortAsync("memberA", [db], ["10.71.0.9"]);

        var member = await AllowedAsync("memberA", $$"""{"port_id": "{{db1}}", "direction": "ingress", "protocol": "tcp", "port": 5432, "remote_ip": "10.71.0.5"}""", true);
        Assert.Equal([fromWeb], Matching(member));
        await AllowedAsync("memberA", $$"""{"port_id": "{{db1}}", "direction": "ingress", "protocol": "tcp", "port": 5432, "remote_ip": "10.71.0.6"}""", false);

        var byPort = await AllowedAsync("memberA", $$"""{"port_id": "{{db1}}", "direction": "ingress", "protocol": "tcp", "port": 5432, "remote_port_id": "{{web1}}"}""", true);
        Assert.Equal([fromWeb], Matching(byPort));
        await AllowedAsync("memberA", $$"""{"port_id": "{{db1}}", "direction": "ingress", "protocol": "tcp", "port": 5432, "remote_port_id": "{{other}}"}""", false);
    }

    [Fact]
    public async Task An_address_group_stands_for_its_addresses()
    {
        var addressGroup = (string)(await CreatedAsync("memberA", "/v2.0/address-groups",
            """{"address_group": {"name": "flow-ag", "addresses": ["10.72.0.0/24"]}}"""))["address_group"]!["id"]!;
        var group = await GroupAsync("memberA", "ag-web");
        var https = await RuleAsync("memberA", group, $$""", "protocol": "tcp", "port_range_min": 443, "port_range_max": 443, "remote_address_group_id": "{{addressGroup}}" """);
        var port = await PortAsync("memberA", [group], ["10.72.1.5"]);

        var inside = await AllowedAsync("memberA", $$"""{"port_id": "{{port}}", "direction": "ingress", "protocol": "tcp", "port": 443, "remote_ip": "10.72.0.200"}""", true);
        Assert.Equal([https], Matching(inside));
        await AllowedAsync("memberA", $$"""{"port_id": "{{port}}", "direction": "ingress", "protocol": "tcp", "port": 443, "remote_ip": "10.73.0.1"}""", false);
    }

    [Fact]
    public async Task A_port_with_port_security_off_allows_everything()
    {
        var port = await PortAsync("memberA", [], ["10.74.0.5"], portSecurity: false);

        var verdict = await AllowedAsync("memberA", $$"""{"port_id": "{{port}}", "direction": "ingress", "protocol": "tcp", "port": 3389, "remote_ip": "203.0.113.9"}""", true);
        Assert.Empty(Matching(verdict));
        Assert.Contains("port security", (string)verdict["reason"]!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_group_shared_with_the_tenant_counts_on_its_port_and_its_findings_are_readable()
    {
        var shared = await GroupAsync("memberB", "shared-to-a");
        var rule = await RuleAsync("memberB", shared, """, "protocol": "tcp", "port_range_min": 8080, "port_range_max": 8080, "remote_ip_prefix": "10.75.0.0/16" """);
        await CreatedAsync("memberB", "/v2.0/rbac-policies",
            $$$"""{"rbac_policy": {"object_type": "security_group", "object_id": "{{{shared}}}", "action": "access_as_shared", "target_tenant": "{{{host.TenantA}}}"}}""");
        var port = await PortAsync("memberA", [shared], ["10.75.1.5"]);

        var verdict = await AllowedAsync("readerA", $$"""{"port_id": "{{port}}", "direction": "ingress", "protocol": "tcp", "port": 8080, "remote_ip": "10.75.9.9"}""", true);
        Assert.Equal([rule], Matching(verdict));
        Assert.Equal(shared, (string)verdict["matching_rules"]![0]!["security_group_id"]!);

        var (status, findings) = await Send("readerA", "GET", $"/api/security-groups/{shared}/findings");
        Assert.True(status == 200, findings?.ToJsonString());
    }

    [Fact]
    public async Task Findings_list_redundant_rules_with_their_proof_and_exposed_rules()
    {
        var group = await GroupAsync("memberA", "findings");
        var wide = await RuleAsync("memberA", group, """, "protocol": "tcp", "port_range_min": 22, "port_range_max": 22, "remote_ip_prefix": "10.0.0.0/8" """);
        var narrow = await RuleAsync("memberA", group, """, "protocol": "tcp", "port_range_min": 22, "port_range_max": 22, "remote_ip_prefix": "10.1.0.0/16" """);
        var low = await RuleAsync("memberA", group, """, "protocol": "tcp", "port_range_min": 80, "port_range_max": 80, "remote_ip_prefix": "10.2.0.0/25" """);
        var high = await RuleAsync("memberA", group, """, "protocol": "tcp", "port_range_min": 80, "port_range_max": 80, "remote_ip_prefix": "10.2.0.128/25" """);
        var whole = await RuleAsync("memberA", group, """, "protocol": "tcp", "port_range_min": 80, "port_range_max": 80, "remote_ip_prefix": "10.2.0.0/24" """);
        var rdp = await RuleAsync("memberA", group, """, "protocol": "tcp", "port_range_min": 3389, "port_range_max": 3389, "remote_ip_prefix": "0.0.0.0/0" """);

        var (status, body) = await Send("readerA", "GET", $"/api/security-groups/{group}/findings");

        Assert.True(status == 200, body?.ToJsonString());
        var findings = body!["findings"]!.AsArray();
        JsonNode Of(string rule, string kind) =>
            findings.SingleOrDefault(f => (string)f!["rule_id"]! == rule && (string)f["kind"]! == kind) ?? throw new Xunit.Sdk.XunitException($"no {kind} finding for {rule} in {body.ToJsonString()}");
        Assert.Equal([wide], Of(narrow, "redundant")["covered_by"]!.AsArray().Select(x => (string)x!));
        Assert.Equal(new[] { low, high }.Order(StringComparer.Ordinal),
            Of(whole, "redundant")["covered_by"]!.AsArray().Select(x => (string)x!).Order(StringComparer.Ordinal));
        Assert.Empty(Of(rdp, "exposed")["covered_by"]!.AsArray());
        Assert.False(string.IsNullOrWhiteSpace((string?)Of(rdp, "exposed")["reason"]));
        Assert.DoesNotContain(findings, f => (string)f!["rule_id"]! == wide || (string)f["rule_id"]! == low || (string)f["rule_id"]! == high);
    }

    [Theory]
    [InlineData("""{"direction": "ingress"}""", "port_id")]
    [InlineData("""{"port_id": "PORT"}""", "direction")]
    [InlineData("""{"port_id": "PORT", "direction": "sideways"}""", "direction")]
    [InlineData("""{"port_id": "PORT", "direction": "ingress", "ethertype": "IPv5"}""", "ethertype")]
    [InlineData("""{"port_id": "PORT", "direction": "ingress", "protocol": "bogus"}""", "protocol")]
    [InlineData("""{"port_id": "PORT", "direction": "ingress", "protocol": 300}""", "protocol")]
    [InlineData("""{"port_id": "PORT", "direction": "ingress", "protocol": true}""", "protocol")]
    [InlineData("""{"port_id": "PORT", "direction": "ingress", "protocol": "tcp", "port": 70000}""", "port")]
    [InlineData("""{"port_id": "PORT", "direction": "ingress", "protocol": "tcp", "port": "abc"}""", "port")]
    [InlineData("""{"port_id": "PORT", "direction": "ingress", "protocol": "tcp", "port": 1.5}""", "port")]
    [InlineData("""{"port_id": "PORT", "direction": "ingress", "protocol": "icmp", "port": 80}""", "port")]
    [InlineData("""{"port_id": "PORT", "direction": "ingress", "protocol": "icmp", "icmp_type": 300}""", "icmp_type")]
    [InlineData("""{"port_id": "PORT", "direction": "ingress", "protocol": "icmp", "icmp_type": 8, "icmp_code": 256}""", "icmp_code")]
    [InlineData("""{"port_id": "PORT", "direction": "ingress", "protocol": "icmp", "icmp_code": 0}""", "icmp_code")]
    [InlineData("""{"port_id": "PORT", "direction": "ingress", "remote_ip": "not-an-ip"}""", "remote_ip")]
    [InlineData("""{"port_id": "PORT", "direction": "ingress", "ethertype": "IPv6", "remote_ip": "10.0.0.1"}""", "remote_ip")]
    [InlineData("""{"port_id": "PORT", "direction": "ingress", "remote_ip": "10.0.0.1", "remote_port_id": "PORT"}""", "remote_ip")]
    [InlineData("""{"port_id": "PORT", "direction": "ingress", "ethertype": "IPv6", "remote_port_id": "PORT"}""", "remote_port_id")]
    [InlineData("""{"port_id": "PORT", "direction": "ingress", "colour": "red"}""", "colour")]
    [InlineData("""{"port_id": 5, "direction": "ingress"}""", "port_id")]
    public async Task Bad_input_is_a_400_naming_the_field(string template, string field)
    {
        var port = await PortAsync("memberA", [], [$"10.76.0.{Interlocked.Increment(ref nextHost)}"]);

        var (status, body) = await FlowAsync("memberA", template.Replace("PORT", port, StringComparison.Ordinal));

        Assert.True(status == 400, body?.ToJsonString());
        Assert.Equal("HTTPBadRequest", (string?)body!["NeutronError"]!["type"]);
        Assert.Contains(field, (string)body!["NeutronError"]!["message"]!, StringComparison.Ordinal);
    }

    private static int nextHost;

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("not json")]
    public async Task A_body_that_is_not_a_json_object_is_a_400(string body)
    {
        var (status, json) = await FlowAsync("memberA", body);

        Assert.True(status == 400, json?.ToJsonString());
        Assert.NotNull(json!["NeutronError"]);
    }

    [Theory]
    [InlineData("readerA", 200)]
    [InlineData("memberA", 200)]
    [InlineData("adminA", 200)]
    [InlineData("auditor", 200)]
    [InlineData("cloudAdmin", 200)]
    [InlineData("memberB", 404)]
    [InlineData("nobody-token", 401)]
    [InlineData(null, 401)]
    public async Task Who_may_ask_about_a_port_and_a_group(string? who, int expected)
    {
        var group = await GroupAsync("memberA", "matrix");
        var port = await PortAsync("memberA", [group], [$"10.77.0.{Interlocked.Increment(ref nextHost)}"]);

        var (status, body) = await FlowAsync(who, $$"""{"port_id": "{{port}}", "direction": "ingress", "protocol": "tcp", "port": 22}""");
        Assert.True(status == expected, body?.ToJsonString());
        (status, body) = await Send(who, "GET", $"/api/security-groups/{group}/findings");
        Assert.True(status == expected, body?.ToJsonString());
        if (expected == 404)
        {
            Assert.NotNull(body!["NeutronError"]);
        }
    }

    [Fact]
    public async Task Another_tenants_remote_port_is_not_found_and_the_revoked_token_is_401()
    {
        var port = await PortAsync("memberA", [], ["10.78.0.5"]);
        var theirs = await PortAsync("memberB", [], ["10.78.0.6"]);

        var (status, body) = await FlowAsync("memberA", $$"""{"port_id": "{{port}}", "direction": "ingress", "remote_port_id": "{{theirs}}"}""");
        Assert.True(status == 404, body?.ToJsonString());
        Assert.Equal("PortNotFound", (string?)body!["NeutronError"]!["type"]);

        var revoked = host.Client(null);
        revoked.DefaultRequestHeaders.Add("X-Auth-Token", host.RevokedToken);
        (status, _) = await ApiTestHost.SendAsync(revoked, "POST", "/api/analysis/flow", $$"""{"port_id": "{{port}}", "direction": "ingress"}""");
        Assert.Equal(401, status);
    }
}
