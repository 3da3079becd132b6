namespace SecGroupAdmin.E2E.Cli;

/// <summary>
/// The default security group rules through the real clients: openstacksdk 0.101 has no resource for them, so the
/// script uses its network proxy's generic calls (<c>conn.network.get/post/delete('/default-security-group-rules…')</c>);
/// groups then created with openstacksdk and with the <c>openstack</c> CLI come out of the template. The test puts
/// the template back before it ends (the fixture is shared).
/// </summary>
[Collection(OpenStackCliCollection.Name)]
public class DefaultRulesInteropTests(OpenStackCliFixture cli)
{
    private const string Script = """
import json, sys, warnings
warnings.simplefilter("ignore")
import openstack

url, token, step = sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else ""
conn = openstack.connection.Connection(
    auth_type="admin_token", auth={"token": token, "endpoint": url},
    network_endpoint_override=url, verify=False)
net = conn.network
out = {}
listed = net.get("/default-security-group-rules?direction=egress")
out["list_status"] = listed.status_code
out["egress"] = len(listed.json()["default_security_group_rules"])
made = net.post("/default-security-group-rules", json={"default_security_group_rule": {
    "direction": "ingress", "protocol": "tcp", "port_range_min": 8443, "port_range_max": 8443,
    "remote_group_id": "PARENT", "used_in_default_sg": False, "used_in_non_default_sg": True}})
out["create_status"] = made.status_code
rule = made.json().get("default_security_group_rule", {})
out["rule"] = rule
again = net.post("/default-security-group-rules", json={"default_security_group_rule": {
    "direction": "ingress", "protocol": "6", "port_range_min": 8443, "port_range_max": 8443,
    "remote_group_id": "PARENT", "used_in_default_sg": False, "used_in_non_default_sg": True}})
out["duplicate"] = {"status": again.status_code, "body": again.json()}
print(json.dumps(out))
""";

    private const string GroupScript = """
import json, sys, warnings
warnings.simplefilter("ignore")
import openstack

url, token = sys.argv[1], sys.argv[2]
conn = openstack.connection.Connection(
    auth_type="admin_token", auth={"token": token, "endpoint": url},
    network_endpoint_override=url, verify=False)
sg = conn.network.create_security_group(name="sdk-from-template")
rules = [{"protocol": r["protocol"], "min": r["port_range_min"], "remote": r["remote_group_id"]} for r in sg.security_group_rules]
conn.network.delete_security_group(sg.id)
print(json.dumps({"id": sg.id, "rules": rules}))
""";

    private static string DeleteScript(string id) => $$"""
import json, sys, warnings
warnings.simplefilter("ignore")
import openstack

url, token = sys.argv[1], sys.argv[2]
conn = openstack.connection.Connection(
    auth_type="admin_token", auth={"token": token, "endpoint": url},
    network_endpoint_override=url, verify=False)
gone = conn.network.delete("/default-security-group-rules/{{id}}")
missing = conn.network.get("/default-security-group-rules/{{id}}")
print(json.dumps({"delete": gone.status_code, "show": missing.status_code, "type": missing.json()["NeutronError"]["type"]}))
""";

    [Fact]
    public async Task Sdk_manages_the_template_and_new_groups_from_sdk_and_cli_follow_it()
    {
        // A member reads the template but may not change it.
        var memberView = (await cli.PythonAsync(Script)).Json();
        Assert.Equal(200, (int?)memberView["list_status"]);
        Assert.Equal(2, (int?)memberView["egress"]);
        Assert.Equal(403, (int?)memberView["create_status"]);

        var output = (await cli.PythonAsync(Script, cli.AdminToken)).Json();
        Assert.Equal(201, (int?)output["create_status"]);
        var id = (string)output["rule"]!["id"]!;
        try
        {
            Assert.Equal("PARENT", (string?)output["rule"]!["remote_group_id"]);
            Assert.Equal(409, (int?)output["duplicate"]!["status"]);
            Assert.Equal("DefaultSecurityGroupRuleExists", (string?)output["duplicate"]!["body"]!["NeutronError"]!["type"]);
            Assert.Equal($"Default Security group rule already exists. Rule id is {id}.", (string?)output["duplicate"]!["body"]!["NeutronError"]!["message"]);

            var sdkGroup = (await cli.PythonAsync(GroupScript)).Json();
            var rules = sdkGroup["rules"]!.AsArray();
            Assert.Equal(3, rules.Count);
            var https = rules.Single(r => (string?)r!["protocol"] == "tcp")!;
            Assert.Equal(8443, (int?)https["min"]);
            Assert.Equal((string?)sdkGroup["id"], (string?)https["remote"]);

            var name = $"cli-template-{Guid.NewGuid().ToString("N")[..8]}";
            var created = await cli.OpenStackAsync(null, "security", "group", "create", name, "-f", "json");
            Assert.True(created.ExitCode == 0, created.ToString());
            var group = created.Json();
            var text = group["rules"]!.ToJsonString();
            Assert.Contains("8443", text);
            Assert.Contains((string)group["id"]!, text);
            Assert.Equal(0, (await cli.OpenStackAsync(null, "security", "group", "delete", (string)group["id"]!)).ExitCode);
        }
        finally
        {
            var deleted = (await cli.PythonAsync(DeleteScript(id), cli.AdminToken)).Json();
            Assert.Equal(204, (int?)deleted["delete"]);
            Assert.Equal(404, (int?)deleted["show"]);
            Assert.Equal("DefaultSecurityGroupRuleNotFound", (string?)deleted["type"]);
        }
    }
}
