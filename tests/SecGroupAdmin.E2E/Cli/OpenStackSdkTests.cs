using System.Text.Json.Nodes;

namespace SecGroupAdmin.E2E.Cli;

/// <summary>
/// openstacksdk (Debian's python3-openstacksdk, through <c>/usr/bin/python3</c>) against the real app: a Connection
/// with the <c>admin_token</c> plugin and <c>network_endpoint_override</c>, bulk rule creation, and the exception
/// classes and NeutronError types the SDK hands to callers.
/// </summary>
[Collection(OpenStackCliCollection.Name)]
public class OpenStackSdkTests(OpenStackCliFixture cli)
{
    /// <summary>Connects, then runs <paramref name="body"/>; the script prints one JSON document.</summary>
    private static string Script(string body) => $$"""
import json, sys, warnings
warnings.simplefilter("ignore")
import openstack
from openstack import exceptions

url, token = sys.argv[1], sys.argv[2]
conn = openstack.connection.Connection(
    auth_type="admin_token", auth={"token": token, "endpoint": url},
    network_endpoint_override=url, verify=False)
net = conn.network

def failure(call):
    try:
        call()
    except exceptions.HttpException as e:
        body = e.response.json() if e.response is not None else {}
        err = body.get("NeutronError", {})
        return {"class": type(e).__name__, "status": e.status_code, "type": err.get("type"),
                "message": err.get("message"), "details": e.details}
    return {"class": None}

{{body}}
""";

    private async Task<JsonNode> RunAsync(string body)
    {
        var result = await cli.PythonAsync(Script(body));
        return result.Json();
    }

    [Fact]
    public async Task Bulk_rule_create_lists_and_deletes_through_the_sdk()
    {
        var output = await RunAsync("""
sg = net.create_security_group(name="sdk-bulk", description="made by the sdk")
rules = list(net.create_security_group_rules([
    {"security_group_id": sg.id, "direction": "ingress", "protocol": "tcp", "port_range_min": 80, "port_range_max": 80, "remote_ip_prefix": "0.0.0.0/0"},
    {"security_group_id": sg.id, "direction": "ingress", "protocol": "tcp", "port_range_min": 443, "port_range_max": 443, "remote_ip_prefix": "0.0.0.0/0"},
    {"security_group_id": sg.id, "direction": "ingress", "ether_type": "IPv6", "protocol": "icmp"},
]))
listed = list(net.security_group_rules(security_group_id=sg.id, direction="ingress"))
shown = net.get_security_group(sg.id)
found = net.find_security_group("sdk-bulk")
net.delete_security_group_rule(rules[0].id)
after = [r.id for r in net.security_group_rules(security_group_id=sg.id)]
net.delete_security_group(sg.id)
gone = net.find_security_group(sg.id, ignore_missing=True)
print(json.dumps({
    "group": sg.id, "project": sg.project_id,
    "created": [{"id": r.id, "min": r.port_range_min, "ethertype": r.ether_type, "protocol": r.protocol, "sg": r.security_group_id} for r in rules],
    "listed": sorted(r.id for r in listed),
    "shown_rules": len(shown.security_group_rules), "found": found.id if found else None,
    "after": after, "gone": gone is None,
}))
""");
        var created = output["created"]!.AsArray();
        Assert.Equal(3, created.Count);
        Assert.Equal(new int?[] { 80, 443, null }, created.Select(r => (int?)r!["min"]));
        Assert.Equal("IPv6", (string?)created[2]!["ethertype"]);
        Assert.All(created, r => Assert.Equal((string?)output["group"], (string?)r!["sg"]));
        Assert.Equal(cli.TenantId, (string?)output["project"]);
        Assert.Equal(created.Select(r => (string)r!["id"]!).Order(StringComparer.Ordinal), output["listed"]!.AsArray().Select(n => (string)n!));
        Assert.Equal(5, (int)output["shown_rules"]!); // 2 default egress + 3
        Assert.Equal((string?)output["group"], (string?)output["found"]);
        Assert.Equal(4, output["after"]!.AsArray().Count);
        Assert.True((bool)output["gone"]!);
    }

    [Fact]
    public async Task Sdk_raises_typed_exceptions_carrying_the_neutron_error()
    {
        var output = await RunAsync("""
sg = net.create_security_group(name="sdk-errors")
rule = dict(security_group_id=sg.id, direction="ingress", protocol="tcp", port_range_min=22, port_range_max=22)
first = net.create_security_group_rule(**rule)
print(json.dumps({
    "first": first.id,
    "duplicate": failure(lambda: net.create_security_group_rule(**rule)),
    "duplicate_in_post": failure(lambda: list(net.create_security_group_rules([dict(rule, port_range_min=23, port_range_max=23)] * 2))),
    "bad_range": failure(lambda: net.create_security_group_rule(**dict(rule, port_range_min=30, port_range_max=20))),
    "missing_rule": failure(lambda: net.get_security_group_rule("0c0d4a64-0000-4000-8000-000000000000")),
    "missing_group": failure(lambda: net.create_security_group_rule(**dict(rule, security_group_id="0c0d4a64-0000-4000-8000-000000000001"))),
}))
""");
        var duplicate = output["duplicate"]!;
        Assert.Equal("ConflictException", (string?)duplicate["class"]);
        Assert.Equal(409, (int?)duplicate["status"]);
        Assert.Equal("SecurityGroupRuleExists", (string?)duplicate["type"]);
        Assert.Equal($"Security group rule already exists. Rule id is {(string?)output["first"]}.", (string?)duplicate["message"]);
        Assert.Contains("Security group rule already exists", (string?)duplicate["details"]);

        Assert.Equal("ConflictException", (string?)output["duplicate_in_post"]!["class"]);
        Assert.Equal("DuplicateSecurityGroupRuleInPost", (string?)output["duplicate_in_post"]!["type"]);

        Assert.Equal("BadRequestException", (string?)output["bad_range"]!["class"]);
        Assert.Equal("SecurityGroupInvalidPortRange", (string?)output["bad_range"]!["type"]);

        // openstack.exceptions.NotFoundException is an alias of ResourceNotFound.
        Assert.Equal("ResourceNotFound", (string?)output["missing_rule"]!["class"]);
        Assert.Equal("SecurityGroupRuleNotFound", (string?)output["missing_rule"]!["type"]);

        Assert.Equal("ResourceNotFound", (string?)output["missing_group"]!["class"]);
        Assert.Equal("SecurityGroupNotFound", (string?)output["missing_group"]!["type"]);
    }

    [Fact]
    public async Task Cloud_admin_token_sees_and_sets_the_tenants_quota()
    {
        var script = Script($$"""
before = net.get_quota("{{cli.TenantId}}")
net.update_quota("{{cli.TenantId}}", security_group_rules=600)
after = net.get_quota("{{cli.TenantId}}")
net.update_quota("{{cli.TenantId}}", security_group_rules=before.security_group_rules)
print(json.dumps({"before": before.security_group_rules, "after": after.security_group_rules, "groups": after.security_groups}))
""");
        var output = (await cli.PythonAsync(script, cli.AdminToken)).Json();
        Assert.Equal(500, (int?)output["before"]);
        Assert.Equal(600, (int?)output["after"]);
        Assert.Equal(50, (int?)output["groups"]);
    }
}
