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

    [Fact]
    public async Task OpenApi_document_describes_the_Neutron_api_and_Scalar_serves_the_reference()
    {
        var client = host.Factory.CreateClient();
        var doc = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/v2.0/security-groups", paths);
        Assert.Contains("/v2.0/security-group-rules/{id}", paths);
        Assert.Contains("/v2.0/address-groups/{id}/add_addresses", paths);
        // The tag sub-resources of groups and rules, with their methods and path parameters.
        foreach (var collection in new[] { "security-groups", "security-group-rules" })
        {
            var tags = doc["paths"]![$"/v2.0/{collection}/{{id}}/tags"]!.AsObject();
            Assert.Equal(["delete", "get", "post", "put"], tags.Select(m => m.Key).Where(k => k != "parameters").Order());
            var tag = doc["paths"]![$"/v2.0/{collection}/{{id}}/tags/{{tag}}"]!.AsObject();
            Assert.Equal(["delete", "get", "put"], tag.Select(m => m.Key).Where(k => k != "parameters").Order());
            Assert.Equal(["id", "tag"], tag["put"]!["parameters"]!.AsArray().Select(p => (string?)p!["name"]).Order());
            Assert.Equal("Tags", (string?)tags["put"]!["tags"]![0]);
            Assert.NotNull(tags["put"]!["requestBody"]!["content"]!["application/json"]!["example"]!["tags"]);
            Assert.NotNull(tag["get"]!["responses"]!["404"]);
        }
        Assert.DoesNotContain(paths, p => p.StartsWith("/Account", StringComparison.Ordinal));
        Assert.Equal("X-Auth-Token", (string?)doc["components"]!["securitySchemes"]!["X-Auth-Token"]!["name"]);
        var docs = await client.GetAsync("/api/docs/");
        Assert.True(docs.IsSuccessStatusCode, docs.StatusCode.ToString());
        Assert.Contains("text/html", docs.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Version_document_at_root_for_api_clients_and_home_page_for_browsers()
    {
        var client = host.Factory.CreateClient();
        using var api = new HttpRequestMessage(HttpMethod.Get, "/");
        api.Headers.Accept.ParseAdd("application/json");
        var versions = System.Text.Json.Nodes.JsonNode.Parse(await (await client.SendAsync(api)).Content.ReadAsStringAsync())!;
        Assert.Equal("v2.0", (string?)versions["versions"]![0]!["id"]);
        using var browser = new HttpRequestMessage(HttpMethod.Get, "/");
        browser.Headers.Accept.ParseAdd("text/html");
        Assert.Contains("SecGroupAdmin", await (await client.SendAsync(browser)).Content.ReadAsStringAsync());
    }
}
