namespace SecGroupAdmin.Web.Tests.Api;

public class ApiSmokeTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    [Fact]
    public async Task Member_creates_a_group_and_a_rule_and_sees_them_listed()
    {
        var client = host.Client("memberA");
        var (status, body) = await ApiTestHost.SendAsync(client, "POST", "/v2.0/security-groups", """{"security_group": {"name": "web", "description": "d"}}""");
        Assert.Equal(201, status);
        var group = body!["security_group"]!;
        Assert.Equal("web", (string?)group["name"]);
        Assert.Equal(host.TenantA, (string?)group["tenant_id"]);
        Assert.Equal(2, group["security_group_rules"]!.AsArray().Count);
        var id = (string)group["id"]!;

        (status, body) = await ApiTestHost.SendAsync(client, "POST", "/v2.0/security-group-rules",
            $$$"""{"security_group_rule": {"security_group_id": "{{{id}}}", "direction": "ingress", "protocol": "TCP", "port_range_min": "22", "port_range_max": 22, "remote_ip_prefix": "10.0.0.34/24"}}""");
        Assert.Equal(201, status);
        var rule = body!["security_group_rule"]!;
        Assert.Equal("tcp", (string?)rule["protocol"]);
        Assert.Equal(22, (int?)rule["port_range_min"]);
        Assert.Equal("10.0.0.34/24", (string?)rule["remote_ip_prefix"]);
        Assert.Equal("10.0.0.0/24", (string?)rule["normalized_cidr"]);
        Assert.Equal("", (string?)rule["description"]);

        (status, body) = await ApiTestHost.SendAsync(client, "GET", "/v2.0/security-groups?fields=name&sort_key=name&sort_dir=asc");
        Assert.Equal(200, status);
        Assert.Equal(["default", "web"], body!["security_groups"]!.AsArray().Select(g => (string)g!["name"]!).ToArray());
    }

    [Fact]
    public async Task No_token_and_revoked_token_get_401_json()
    {
        Assert.Equal(401, (await ApiTestHost.SendAsync(host.Client(null), "GET", "/v2.0/security-groups")).Status);
        var (status, body) = await ApiTestHost.SendAsync(host.Client(host.RevokedToken), "GET", "/v2.0/security-groups");
        Assert.Equal(401, status);
        Assert.Equal("HTTPUnauthorized", (string?)body!["NeutronError"]!["type"]);
    }
}
