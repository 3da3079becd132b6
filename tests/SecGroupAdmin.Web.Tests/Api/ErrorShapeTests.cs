using System.Text;
using System.Text.Json.Nodes;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// The shape of refusals: NeutronError JSON with the reference's types and messages for bad bodies, queries,
/// paths, methods, sizes and revisions; application/json on every answer; and a bounded fuzz loop that must never
/// produce a 500.
/// </summary>
public class ErrorShapeTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    private const string Sgs = "/v2.0/security-groups";
    private const string Rules = "/v2.0/security-group-rules";

    private async Task<string> GroupAsync(string name = "shape")
    {
        var (status, body) = await ApiTestHost.SendAsync(host.Client("memberA"), "POST", Sgs, $$$"""{"security_group": {"name": "{{{name}}}"}}""");
        Assert.Equal(201, status);
        return (string)body!["security_group"]!["id"]!;
    }

    private static void AssertError(int expectedStatus, string type, string? message, (int Status, JsonNode? Body) answer)
    {
        var where = answer.Body?.ToJsonString();
        Assert.True(expectedStatus == answer.Status, $"expected {expectedStatus}, got {answer.Status}: {where}");
        var error = answer.Body?["NeutronError"];
        Assert.True(error is not null, $"no NeutronError: {where}");
        Assert.Equal(type, (string?)error!["type"]);
        if (message is not null)
        {
            Assert.Equal(message, (string?)error["message"]);
        }
        Assert.Equal("", (string?)error["detail"]);
    }

    private Task<(int, JsonNode?)> Send(string method, string path, string? body = null, string who = "memberA") =>
        ApiTestHost.SendAsync(host.Client(who), method, path, body);

    [Fact]
    public async Task Malformed_json_is_MalformedRequestBody_everywhere()
    {
        var group = await GroupAsync("malformed");
        foreach (var (method, path) in new[] { ("POST", Sgs), ("PUT", $"{Sgs}/{group}"), ("POST", Rules), ("POST", "/v2.0/ports") })
        {
            foreach (var body in new[] { "{\"security_group\": ", "{'a': 1}", "nope", "{\"a\": 1,}", "" })
            {
                AssertError(400, "MalformedRequestBody", "Malformed request body: Cannot understand JSON.", await Send(method, path, body));
            }
        }
    }

    [Theory]
    [InlineData("[]", "Resource body required")]
    [InlineData("null", "Resource body required")]
    [InlineData("{}", "Resource body required")]
    [InlineData("0", "Resource body required")]
    [InlineData("1", "Body contains invalid data")]
    [InlineData("\"x\"", "Body contains invalid data")]
    public async Task A_body_that_is_not_an_object_is_refused(string body, string message)
    {
        // As the reference answers (FidelityObservations): what Python finds empty is a missing body.
        AssertError(400, "HTTPBadRequest", message, await Send("POST", Sgs, body));
    }

    [Theory]
    [InlineData("""{"security_group": {"name": "\ud800"}}""")]
    [InlineData("""{"security_group": {"name": "x", "tenant_id": "\udc00x"}}""")]
    [InlineData("""{"security_group": {"\ud800": 1}}""")]
    public async Task Strings_that_are_not_valid_utf16_are_a_malformed_body(string body)
    {
        AssertError(400, "MalformedRequestBody", "Malformed request body: Cannot understand JSON.", await Send("POST", Sgs, body));
    }

    [Fact]
    public async Task Missing_resource_key_names_the_key()
    {
        var group = await GroupAsync("missing-key");
        AssertError(400, "HTTPBadRequest", "Unable to find 'security_group' in request body", await Send("POST", Sgs, """{"name": "x"}"""));
        AssertError(400, "HTTPBadRequest", "Unable to find 'security_group' in request body", await Send("PUT", $"{Sgs}/{group}", """{"security_group_rule": {}}"""));
        AssertError(400, "HTTPBadRequest", "Unable to find 'security_group_rule' in request body", await Send("POST", Rules, """{"security_group": {}}"""));
        AssertError(400, "HTTPBadRequest", "Unable to find 'port' in request body", await Send("POST", "/v2.0/ports", "{}"));
        AssertError(400, "HTTPBadRequest", "Resources required", await Send("POST", Rules, """{"security_group_rules": []}"""));
    }

    [Fact]
    public async Task Unknown_and_read_only_attributes_are_refused_on_post_and_put()
    {
        var group = await GroupAsync("read-only");
        AssertError(400, "HTTPBadRequest", "Unrecognized attribute(s) 'foo'", await Send("POST", Sgs, """{"security_group": {"foo": 1}}"""));
        AssertError(400, "HTTPBadRequest", "Unrecognized attribute(s) 'foo'", await Send("PUT", $"{Sgs}/{group}", """{"security_group": {"foo": 1}}"""));
        AssertError(400, "HTTPBadRequest", "Attribute 'id' not allowed in POST", await Send("POST", Sgs, """{"security_group": {"id": "x"}}"""));
        AssertError(400, "HTTPBadRequest", "Attribute 'security_group_rules' not allowed in POST", await Send("POST", Sgs, """{"security_group": {"security_group_rules": []}}"""));
        AssertError(400, "HTTPBadRequest", "Attribute 'normalized_cidr' not allowed in POST",
            await Send("POST", Rules, $$$"""{"security_group_rule": {"security_group_id": "{{{group}}}", "direction": "ingress", "normalized_cidr": "10.0.0.0/8"}}"""));
        AssertError(400, "HTTPBadRequest", "Cannot update read-only attribute id", await Send("PUT", $"{Sgs}/{group}", $$$"""{"security_group": {"id": "{{{group}}}"}}"""));
        AssertError(400, "HTTPBadRequest", "Cannot update read-only attribute tenant_id", await Send("PUT", $"{Sgs}/{group}", """{"security_group": {"tenant_id": "x"}}"""));
        AssertError(400, "HTTPBadRequest", "Cannot update read-only attribute shared", await Send("PUT", $"{Sgs}/{group}", """{"security_group": {"shared": true}}"""));
    }

    [Fact]
    public async Task Bad_filters_and_sorts_are_400()
    {
        AssertError(400, "HTTPBadRequest", "['bogus_filter'] is invalid attribute for filtering", await Send("GET", $"{Sgs}?bogus_filter=1"));
        AssertError(400, "HTTPBadRequest", "['bogus'] is invalid attribute for filtering", await Send("GET", $"{Rules}?bogus=1"));
        AssertError(400, "HTTPBadRequest", "The number of sort_keys and sort_dirs must be same", await Send("GET", $"{Sgs}?sort_key=bogus"));
        AssertError(400, "HTTPBadRequest", "['bogus'] is invalid attribute for sort_keys", await Send("GET", $"{Sgs}?sort_key=bogus&sort_dir=asc"));
        AssertError(400, "HTTPBadRequest", "['up'] is invalid value for sort_dirs, valid value is 'asc' and 'desc'", await Send("GET", $"{Sgs}?sort_key=name&sort_dir=up"));
        AssertError(400, "HTTPBadRequest", null, await Send("GET", $"{Sgs}?limit=abc"));
    }

    [Theory]
    [InlineData("GET", "/v2.0/security-groupz")]
    [InlineData("GET", "/v2.0/security-group-rules/x/y")]
    [InlineData("POST", "/v2.0/nothing/here")]
    [InlineData("GET", "/v2.0/quotas")]
    public async Task Unknown_collections_are_HTTPNotFound(string method, string path)
    {
        AssertError(404, "HTTPNotFound", "The resource could not be found.", await Send(method, path, method == "POST" ? "{}" : null));
    }

    [Theory]
    [InlineData("PATCH", Sgs)]
    [InlineData("DELETE", Sgs)]
    [InlineData("PUT", Rules)]
    [InlineData("POST", Sgs + "/00000000-0000-0000-0000-000000000000")]
    [InlineData("PUT", Rules + "/00000000-0000-0000-0000-000000000000")]
    [InlineData("PATCH", "/v2.0/ports")]
    [InlineData("POST", "/v2.0/quotas/x")]
    public async Task Wrong_methods_are_HTTPMethodNotAllowed(string method, string path)
    {
        AssertError(405, "HTTPMethodNotAllowed", "The server could not comply with the request since it is either malformed or otherwise incorrect.",
            await Send(method, path, method is "GET" or "DELETE" ? null : "{}"));
    }

    [Fact]
    public async Task A_body_over_one_MiB_is_413_NeutronError()
    {
        var big = "{\"security_group\": {\"name\": \"x\", \"description\": \"" + new string('d', 1024 * 1024) + "\"}}";
        AssertError(413, "HTTPRequestEntityTooLarge", null, await Send("POST", Sgs, big));
        AssertError(413, "HTTPRequestEntityTooLarge", null, await Send("POST", Rules, big.Replace("security_group", "security_group_rule")));

        // Without Content-Length (chunked), the limit applies while reading.
        using var request = new HttpRequestMessage(HttpMethod.Post, Sgs)
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big))),
        };
        request.Content.Headers.ContentType = new("application/json");
        using var response = await host.Client("memberA").SendAsync(request);
        Assert.Equal(413, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("HTTPRequestEntityTooLarge", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["NeutronError"]!["type"]);
    }

    private async Task<(int Status, JsonNode? Body)> SendWithIfMatch(string method, string path, string ifMatch, string? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        using var response = await host.Client("memberA").SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (text.Length > 0)
        {
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    [Fact]
    public async Task If_match_with_a_stale_revision_is_412_and_changes_nothing()
    {
        var group = await GroupAsync("if-match");
        var (_, shown) = await Send("GET", $"{Sgs}/{group}");
        var revision = (long)shown!["security_group"]!["revision_number"]!;

        AssertError(412, "RevisionNumberConstraintFailed", $"Constrained to {revision + 5}, but current revision is {revision}",
            await SendWithIfMatch("PUT", $"{Sgs}/{group}", $"revision_number={revision + 5}", """{"security_group": {"name": "changed"}}"""));
        AssertError(412, "RevisionNumberConstraintFailed", $"Constrained to {revision + 5}, but current revision is {revision}",
            await SendWithIfMatch("DELETE", $"{Sgs}/{group}", $"revision_number={revision + 5}"));
        (_, shown) = await Send("GET", $"{Sgs}/{group}");
        Assert.Equal("if-match", (string?)shown!["security_group"]!["name"]);

        var (status, updated) = await SendWithIfMatch("PUT", $"{Sgs}/{group}", $"revision_number={revision}", """{"security_group": {"name": "changed"}}""");
        Assert.Equal(200, status);
        Assert.Equal(revision + 1, (long)updated!["security_group"]!["revision_number"]!);
        // The reference's answer (FidelityObservations): neutron_lib's BadRequest, not webob's HTTPBadRequest.
        AssertError(400, "BadRequest", "Bad if-match request: Revision number etag must be in the format of revision_number=<int>.",
            await SendWithIfMatch("PUT", $"{Sgs}/{group}", "garbage", """{"security_group": {}}"""));
        Assert.Equal(204, (await SendWithIfMatch("DELETE", $"{Sgs}/{group}", $"revision_number={revision + 1}")).Status);
    }

    [Fact]
    public async Task Every_answer_is_application_json_and_204_has_no_body()
    {
        var group = await GroupAsync("content-type");
        foreach (var (method, path, body, who) in new (string, string, string?, string?)[]
        {
            ("GET", "/v2.0", null, "memberA"), ("GET", "/v2.0/", null, "memberA"), ("GET", "/v2.0/extensions", null, "memberA"),
            ("GET", Sgs, null, null), ("GET", Sgs, null, "memberA"), ("GET", $"{Sgs}/{group}", null, "memberA"),
            ("GET", Rules, null, "memberA"), ("GET", "/v2.0/ports", null, "memberA"), ("GET", $"/v2.0/quotas/{host.TenantA}", null, "memberA"),
            ("GET", "/v2.0/nope", null, "memberA"), ("GET", "/v2.0/nope", null, null), ("PATCH", Sgs, "{}", "memberA"),
            ("POST", Sgs, "{", "memberA"), ("PUT", $"{Sgs}/{group}", """{"security_group": {"name": "x"}}""", "readerA"),
        })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null)
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }
            using var response = await host.Client(who).SendAsync(request);
            Assert.True("application/json" == response.Content.Headers.ContentType?.MediaType, $"{method} {path}: {(int)response.StatusCode} {response.Content.Headers.ContentType} {await response.Content.ReadAsStringAsync()}");
            Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync()));
        }
        using var delete = await host.Client("memberA").DeleteAsync($"{Sgs}/{group}");
        Assert.Equal(204, (int)delete.StatusCode);
        Assert.Empty(await delete.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Values that have broken parsers before: huge and fractional numbers, odd strings, nesting.</summary>
    private static readonly string[] Values =
    [
        "null", "true", "false", "0", "-1", "1", "22", "65535", "65536", "255", "256", "-0", "1.5", "22.0", "1e3", "1e400", "-1e400",
        "99999999999999999999999", "9223372036854775808", "-9223372036854775809", "2147483648", "\"\"", "\" \"", "\"tcp\"", "\"TCP\"", "\"any\"",
        "\"6\"", "\"06\"", "\"-1\"", "\"1e3\"", "\"0x10\"", "\"ingress\"", "\"egress\"", "\"IPv4\"", "\"ipv6\"", "\"10.0.0.0/8\"", "\"::/0\"",
        "\"1.2.3.4/99\"", "\"1.2.3.4/-1\"", "\"::ffff:1.2.3.4/120\"", "\"fe80::1%eth0/64\"", "\"0.0.0.0/0\"", "\"255.255.255.255/32\"",
        "\"1.2.3\"", "\"01.02.03.04\"", "\"10.0.0.0/255.0.0.0\"", "\"\\u0000\"", "\"\\ud800\"", "\"é\"", "\"default\"", "\"DEFAULT\"",
        "\"00000000-0000-0000-0000-000000000000\"", "[]", "[1]", "{}", "{\"a\": []}", "[[[[[]]]]]", "\"true\"", "\"yes\"", "\"t\"",
    ];

    private static readonly string[] GroupKeys = ["name", "description", "stateful", "project_id", "tenant_id", "id", "shared", "tags", "x"];
    private static readonly string[] RuleKeys =
    [
        "security_group_id", "direction", "ethertype", "protocol", "port_range_min", "port_range_max", "remote_ip_prefix",
        "remote_group_id", "remote_address_group_id", "description", "project_id", "tenant_id", "normalized_cidr", "belongs_to_default_sg", "y",
    ];
    private static readonly string[] PortKeys = ["name", "network_id", "security_groups", "port_security_enabled", "device_owner", "admin_state_up", "description"];
    private static readonly string[] QueryKeys =
    [
        "id", "name", "description", "project_id", "tenant_id", "stateful", "shared", "revision_number", "protocol", "port_range_min",
        "port_range_max", "remote_ip_prefix", "ethertype", "direction", "security_group_id", "normalized_cidr", "belongs_to_default_sg",
        "fields", "sort_key", "sort_dir", "limit", "marker", "page_reverse", "security_groups", "bogus", "", "%00", "a[b]",
    ];
    private static readonly string[] QueryValues =
        ["", "x", "0", "-1", "1", "99999999999", "1e400", "true", "True", "None", "asc", "desc", "id", "name", "%", "%zz", "%00", "00000000-0000-0000-0000-000000000000", "é", "a,b", "port_range_min", "created_at"];

    private static string RandomObject(Random random, string[] keys, Func<string, string?> fixedValue)
    {
        var parts = new List<string>();
        foreach (var key in keys.OrderBy(_ => random.Next()).Take(random.Next(keys.Length + 1)))
        {
            var value = random.Next(4) == 0 ? fixedValue(key) ?? Values[random.Next(Values.Length)] : Values[random.Next(Values.Length)];
            parts.Add($"\"{key}\": {value}");
        }
        return "{" + string.Join(", ", parts) + "}";
    }

    private static string Garble(Random random, string json) => random.Next(6) switch
    {
        0 => json[..random.Next(json.Length + 1)],
        1 => json.Insert(random.Next(json.Length + 1), ((char)random.Next(0x20, 0x7f)).ToString()),
        2 => new string('[', 200) + new string(']', 200),
        3 => json.Replace(':', random.Next(2) == 0 ? ',' : ':'),
        _ => json,
    };

    [Fact]
    public async Task Fuzzed_bodies_and_queries_never_give_500()
    {
        var random = new Random(int.TryParse(Environment.GetEnvironmentVariable("SGA_FUZZ_SEED"), out var seed) ? seed : 20261122);
        var group = await GroupAsync("fuzz");
        var (_, portBody) = await Send("POST", "/v2.0/ports", """{"port": {"network_id": "net-fuzz"}}""");
        var port = (string)portBody!["port"]!["id"]!;
        var callers = new[] { "memberA", "cloudAdmin", "readerA", "memberB" };
        for (var i = 0; i < 400; i++)
        {
            var who = callers[random.Next(callers.Length)];
            string method, path;
            string? body = null;
            switch (random.Next(7))
            {
                case 0:
                    (method, path) = ("POST", Sgs);
                    body = "{\"security_group\": " + RandomObject(random, GroupKeys, _ => null) + "}";
                    break;
                case 1:
                    (method, path) = ("PUT", $"{Sgs}/{group}");
                    body = "{\"security_group\": " + RandomObject(random, GroupKeys[..3], _ => null) + "}";
                    break;
                case 2:
                case 3:
                    (method, path) = ("POST", Rules);
                    var rule = RandomObject(random, RuleKeys, k => k switch
                    {
                        "security_group_id" or "remote_group_id" => $"\"{group}\"",
                        "direction" => "\"ingress\"",
                        _ => null,
                    });
                    body = random.Next(5) == 0 ? "{\"security_group_rules\": [" + rule + ", " + rule + "]}" : "{\"security_group_rule\": " + rule + "}";
                    break;
                case 4:
                    (method, path) = random.Next(2) == 0 ? ("POST", "/v2.0/ports") : ("PUT", $"/v2.0/ports/{port}");
                    body = "{\"port\": " + RandomObject(random, PortKeys, k => k == "network_id" ? "\"n\"" : null) + "}";
                    break;
                case 5:
                    (method, path) = ("PUT", $"/v2.0/quotas/{host.TenantA}");
                    body = "{\"quota\": " + RandomObject(random, ["security_group", "security_group_rule", "port", "network", "z"], _ => null) + "}";
                    break;
                default:
                    method = "GET";
                    var collection = new[] { Sgs, Rules, "/v2.0/ports", $"{Sgs}/{group}", $"/v2.0/ports/{port}" }[random.Next(5)];
                    var query = string.Join("&", Enumerable.Range(0, random.Next(5)).Select(_ =>
                        QueryKeys[random.Next(QueryKeys.Length)] + "=" + QueryValues[random.Next(QueryValues.Length)]));
                    path = collection + (query.Length > 0 ? "?" + query : "");
                    break;
            }
            if (body is not null && random.Next(4) == 0)
            {
                body = Garble(random, body);
            }
            var (status, answer) = await ApiTestHost.SendAsync(host.Client(who), method, path, body);
            Assert.True(status < 500, $"#{i} {who} {method} {path} {body} → {status} {answer?.ToJsonString()}");
            if (status >= 400)
            {
                Assert.True(answer?["NeutronError"]?["type"] is not null, $"#{i} {method} {path} {body} → {answer?.ToJsonString()}");
            }
        }
    }
}
