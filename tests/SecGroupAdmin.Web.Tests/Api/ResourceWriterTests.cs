using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Web.Api;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>The direct writer gives byte for byte what serialising the JSON views gives, over HTTP and for odd values.</summary>
public class ResourceWriterTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    private static readonly HashSet<string> Defaults = ["g-default"];

    private static string Written(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static readonly JsonSerializerOptions ViewOptions = new() { WriteIndented = false };

    [Fact]
    public void Rules_and_groups_match_the_views_for_nulls_numbers_and_characters_that_need_escaping()
    {
        var at = new DateTime(2026, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);
        var full = new SecurityGroupRule
        {
            Id = "r1", SecurityGroupId = "g-default", TenantId = "t", Direction = "ingress", Ethertype = "IPv6", Protocol = "tcp",
            PortRangeMin = 0, PortRangeMax = 65535, RemoteIpPrefix = "::/0", NormalizedCidr = "::/0", RemoteGroupId = "g2",
            RemoteAddressGroupId = "ag", Description = "<b>\"quoted\" & 'é' + ✓\n\t\u0001", RevisionNumber = long.MaxValue, CreatedAt = at, UpdatedAt = at.AddDays(1),
        };
        var empty = new SecurityGroupRule { Id = "r0", SecurityGroupId = "g", TenantId = "t", CreatedAt = at, UpdatedAt = at };
        var group = new SecurityGroup
        {
            Id = "g", TenantId = "t", Name = "wéb <&>", Description = "", Stateful = false, RevisionNumber = 3, CreatedAt = at, UpdatedAt = at,
            Rules = [full, empty, new SecurityGroupRule { Id = "r2", SecurityGroupId = "g", CreatedAt = at.AddSeconds(-1), UpdatedAt = at, Description = "" }],
        };

        foreach (var rule in group.Rules)
        {
            Assert.Equal(ResourceViews.Rule(rule, Defaults).ToJsonString(ViewOptions), Written(w => ResourceWriter.Rule(w, rule, Defaults)));
        }
        Assert.Equal(ResourceViews.Group(group, Defaults).ToJsonString(ViewOptions), Written(w => ResourceWriter.Group(w, group, Defaults)));
    }

    [Fact]
    public async Task Plain_lists_and_shows_equal_the_general_path_over_http()
    {
        var client = host.Client("memberA");
        var (status, body) = await ApiTestHost.SendAsync(client, "POST", "/v2.0/security-groups",
            """{"security_group": {"name": "writer <&> é", "description": "d \"q\""}}""");
        Assert.Equal(201, status);
        var id = (string)body!["security_group"]!["id"]!;
        foreach (var (port, prefix) in new[] { (22, "10.0.0.0/8"), (443, "::/0") })
        {
            var ethertype = prefix.Contains(':') ? "IPv6" : "IPv4";
            (status, _) = await ApiTestHost.SendAsync(client, "POST", "/v2.0/security-group-rules",
                $$$"""{"security_group_rule": {"security_group_id": "{{{id}}}", "direction": "ingress", "ethertype": "{{{ethertype}}}", "protocol": "tcp", "port_range_min": {{{port}}}, "port_range_max": {{{port}}}, "remote_ip_prefix": "{{{prefix}}}", "description": "p{{{port}}}"}}""");
            Assert.Equal(201, status);
        }

        // sort_key=id asc is the default order, but takes the general (JSON tree) path.
        await AssertSameAsync(client, $"/v2.0/security-group-rules?security_group_id={id}", $"/v2.0/security-group-rules?security_group_id={id}&sort_key=id&sort_dir=asc");
        await AssertSameAsync(client, "/v2.0/security-group-rules", "/v2.0/security-group-rules?sort_key=id&sort_dir=asc");
        await AssertSameAsync(client, "/v2.0/security-groups", "/v2.0/security-groups?sort_key=id&sort_dir=asc");
        var allFields = string.Join("&", new[] { "id", "name", "stateful", "tenant_id", "description", "shared", "security_group_rules", "tags", "created_at", "updated_at", "revision_number", "project_id" }.Select(f => "fields=" + f));
        await AssertSameAsync(client, $"/v2.0/security-groups/{id}", $"/v2.0/security-groups/{id}?{allFields}");
    }

    [Fact]
    public async Task A_response_larger_than_its_size_estimate_grows_its_pooled_buffer_and_stays_whole()
    {
        // Descriptions of 255 characters that JSON escapes to 6 bytes each make a rule ~1.8 KB, far above the
        // per-rule estimate the buffer is rented with, so it has to grow (more than once) while writing.
        var client = host.Client("memberA");
        var (status, body) = await ApiTestHost.SendAsync(client, "POST", "/v2.0/security-groups", """{"security_group": {"name": "big-rules"}}""");
        Assert.Equal(201, status);
        var id = (string)body!["security_group"]!["id"]!;
        var description = new string('<', 255);
        var rules = string.Join(",", Enumerable.Range(1, 60).Select(port =>
            $$$"""{"security_group_id": "{{{id}}}", "direction": "ingress", "protocol": "tcp", "port_range_min": {{{port}}}, "port_range_max": {{{port}}}, "description": "{{{description}}}"}"""));
        (status, _) = await ApiTestHost.SendAsync(client, "POST", "/v2.0/security-group-rules", $$$"""{"security_group_rules": [{{{rules}}}]}""");
        Assert.Equal(201, status);

        await AssertSameAsync(client, $"/v2.0/security-group-rules?security_group_id={id}", $"/v2.0/security-group-rules?security_group_id={id}&sort_key=id&sort_dir=asc");
        using var show = await client.GetAsync($"/v2.0/security-groups/{id}");
        var shown = JsonNode.Parse(await show.Content.ReadAsStringAsync())!["security_group"]!["security_group_rules"]!.AsArray();
        Assert.Equal(62, shown.Count);
        Assert.Equal(60, shown.Count(r => (string?)r!["description"] == description));
    }

    private static async Task AssertSameAsync(HttpClient client, string plain, string general)
    {
        using var a = await client.GetAsync(plain);
        using var b = await client.GetAsync(general);
        Assert.Equal(200, (int)a.StatusCode);
        Assert.Equal(200, (int)b.StatusCode);
        Assert.Equal(b.Content.Headers.ContentType?.ToString(), a.Content.Headers.ContentType?.ToString());
        var plainText = await a.Content.ReadAsStringAsync();
        Assert.Equal(await b.Content.ReadAsStringAsync(), plainText);
        Assert.Equal(Encoding.UTF8.GetByteCount(plainText), a.Content.Headers.ContentLength);
        Assert.NotNull(JsonNode.Parse(plainText));
    }
}
