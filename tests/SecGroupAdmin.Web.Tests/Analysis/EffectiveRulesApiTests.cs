using System.Text.Json.Nodes;
using SecGroupAdmin.Web.Tests.Api;

namespace SecGroupAdmin.Web.Tests.Analysis;

/// <summary>
/// <c>GET /api/ports/{id}/effective-rules</c> over the real app and its API tokens: lines grouped by direction, ethertype
/// and protocol, remote groups expanded to their members' fixed_ips and address groups to their addresses (each line
/// traced to its rules), port security off, and the authorization matrix (another tenant's port is a 404).
/// </summary>
public class EffectiveRulesApiTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    private static int nextHost;

    private Task<(int Status, JsonNode? Body)> Send(string? who, string method, string path, string? body = null) =>
        ApiTestHost.SendAsync(host.Client(who), method, path, body);

    private async Task<JsonNode> CreatedAsync(string who, string path, string body)
    {
        var (status, json) = await Send(who, "POST", path, body);
        Assert.True(status == 201, json?.ToJsonString());
        return json!;
    }

    private async Task UnlimitedQuotasAsync()
    {
        foreach (var tenant in new[] { host.TenantA, host.TenantB })
        {
            var (status, body) = await Send("cloudAdmin", "PUT", $"/v2.0/quotas/{tenant}",
                """{"quota": {"security_group": -1, "security_group_rule": -1, "port": -1}}""");
            Assert.True(status == 200, body?.ToJsonString());
        }
    }

    private async Task<string> GroupAsync(string who, string name)
    {
        await UnlimitedQuotasAsync();
        return (string)(await CreatedAsync(who, "/v2.0/security-groups", $$$"""{"security_group": {"name": "{{{name}}}"}}"""))["security_group"]!["id"]!;
    }

    private async Task<string> RuleAsync(string who, string group, string fields) =>
        (string)(await CreatedAsync(who, "/v2.0/security-group-rules",
            $$$"""{"security_group_rule": {"security_group_id": "{{{group}}}"{{{fields}}}}}"""))["security_group_rule"]!["id"]!;

    private async Task<string> PortAsync(string who, string[] groups, string[] ips, bool portSecurity = true)
    {
        await UnlimitedQuotasAsync();
        var groupList = string.Join(", ", groups.Select(g => $"\"{g}\""));
        var ipList = string.Join(", ", ips.Select(ip => $$"""{"ip_address": "{{ip}}"}"""));
        var body = $$$"""{"port": {"network_id": "net-1", "security_groups": [{{{groupList}}}], "fixed_ips": [{{{ipList}}}], "port_security_enabled": {{{(portSecurity ? "true" : "false")}}}}}""";
        return (string)(await CreatedAsync(who, "/v2.0/ports", body))["port"]!["id"]!;
    }

    private async Task<JsonNode> EffectiveAsync(string who, string port)
    {
        var (status, json) = await Send(who, "GET", $"/api/ports/{port}/effective-rules");
        Assert.True(status == 200, json?.ToJsonString());
        return json!;
    }

    private static JsonNode Section(JsonNode effective, string direction, string ethertype, string? protocol) =>
        effective["groups"]!.AsArray().Single(g => (string)g!["direction"]! == direction && (string)g["ethertype"]! == ethertype
            && (string?)g["protocol"] == protocol)!;

    [Fact]
    public async Task Remote_groups_are_their_members_fixed_ips_and_address_groups_their_addresses_each_line_traced()
    {
        var web = await GroupAsync("memberA", "eff-web");
        var db = await GroupAsync("memberA", "eff-db");
        var addressGroup = (string)(await CreatedAsync("memberA", "/v2.0/address-groups",
            """{"address_group": {"name": "eff-office", "addresses": ["192.0.2.0/24", "2001:db8:5::/48"]}}"""))["address_group"]!["id"]!;
        var fromWeb = await RuleAsync("memberA", db, $$""", "direction": "ingress", "protocol": "tcp", "port_range_min": 5432, "port_range_max": 5432, "remote_group_id": "{{web}}" """);
        var sameFromAnywhere = await RuleAsync("memberA", db, """, "direction": "ingress", "protocol": "tcp", "port_range_min": 5432, "port_range_max": 5432, "remote_ip_prefix": "10.80.0.5/32" """);
        var office = await RuleAsync("memberA", db, $$""", "direction": "ingress", "protocol": "icmp", "port_range_min": 8, "remote_address_group_id": "{{addressGroup}}" """);
        await PortAsync("memberA", [web], ["10.80.0.5"]);
        await PortAsync("memberA", [web], ["10.80.0.6", "2001:db8:80::6"]);
        var db1 = await PortAsync("memberA", [db], ["10.80.0.9"]);

        var effective = await EffectiveAsync("readerA", db1);

        Assert.True((bool)effective["port_security_enabled"]!);
        Assert.False((bool)effective["allows_everything"]!);
        var tcp = Section(effective, "ingress", "IPv4", "tcp")["rules"]!.AsArray();
        Assert.Equal(["10.80.0.5/32", "10.80.0.6/32"], tcp.Select(l => (string)l!["remote_ip_prefix"]!));
        Assert.All(tcp, l => Assert.Equal(5432, (int)l!["port_range_min"]!));
        // 10.80.0.5 is both a member of eff-web and the prefix of the second rule: one line, traced to both rules.
        var five = tcp[0]!["sources"]!.AsArray();
        Assert.Equal(new[] { fromWeb, sameFromAnywhere }.Order(StringComparer.Ordinal), five.Select(s => (string)s!["rule_id"]!).Order(StringComparer.Ordinal));
        Assert.All(five, s => Assert.Equal(db, (string)s!["security_group_id"]!));
        Assert.Equal("remote group " + web, (string?)five.Single(s => (string)s!["rule_id"]! == fromWeb)!["via"]);
        Assert.Equal([fromWeb], tcp[1]!["sources"]!.AsArray().Select(s => (string)s!["rule_id"]!));
        Assert.Contains("5432/tcp from 10.80.0.6/32", (string)tcp[1]!["text"]!, StringComparison.Ordinal);

        var icmp = Assert.Single(Section(effective, "ingress", "IPv4", "icmp")["rules"]!.AsArray())!;
        Assert.Equal("192.0.2.0/24", (string)icmp["remote_ip_prefix"]!);
        Assert.Equal(8, (int)icmp["icmp_type"]!);
        Assert.Null(icmp["icmp_code"]);
        Assert.Null(icmp["port_range_min"]);
        Assert.Equal([office], icmp["sources"]!.AsArray().Select(s => (string)s!["rule_id"]!));
        // The IPv4 rules name no IPv6 address; the IPv6 members and the address group's IPv6 network are not lines.
        Assert.DoesNotContain(effective["groups"]!.AsArray(), g => (string)g!["ethertype"]! == "IPv6" && (string)g["direction"]! == "ingress");
    }

    [Fact]
    public async Task A_port_with_port_security_off_allows_everything_and_says_so()
    {
        var group = await GroupAsync("memberA", "eff-off");
        await RuleAsync("memberA", group, """, "direction": "ingress", "protocol": "tcp", "port_range_min": 22, "port_range_max": 22 """);
        var port = await PortAsync("memberA", [], ["10.81.0.5"], portSecurity: false);

        var effective = await EffectiveAsync("memberA", port);

        Assert.False((bool)effective["port_security_enabled"]!);
        Assert.True((bool)effective["allows_everything"]!);
        Assert.Empty(effective["groups"]!.AsArray());
        Assert.Contains("Port security is off", (string)effective["notes"]![0]!, StringComparison.Ordinal);
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
    public async Task Who_may_read_a_ports_effective_rules(string? who, int expected)
    {
        var group = await GroupAsync("memberA", "eff-matrix");
        await RuleAsync("memberA", group, """, "direction": "ingress", "protocol": "tcp", "port_range_min": 443, "port_range_max": 443 """);
        var port = await PortAsync("memberA", [group], [$"10.82.0.{Interlocked.Increment(ref nextHost)}"]);

        var (status, body) = await Send(who, "GET", $"/api/ports/{port}/effective-rules");

        Assert.True(status == expected, body?.ToJsonString());
        if (expected == 404)
        {
            Assert.Equal("PortNotFound", (string?)body!["NeutronError"]!["type"]);
        }
        if (expected == 200)
        {
            Assert.Single(Section(body!, "ingress", "IPv4", "tcp")["rules"]!.AsArray());
        }
    }

    [Fact]
    public async Task An_unknown_port_is_a_404_and_another_verb_is_refused()
    {
        var (status, body) = await Send("cloudAdmin", "GET", "/api/ports/no-such-port/effective-rules");
        Assert.True(status == 404, body?.ToJsonString());
        Assert.Equal("PortNotFound", (string?)body!["NeutronError"]!["type"]);

        (status, _) = await Send("memberA", "POST", "/api/ports/no-such-port/effective-rules", "{}");
        Assert.Equal(405, status);
    }
}
