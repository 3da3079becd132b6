using System.Text;
using System.Text.Json.Nodes;
using SecGroupAdmin.Data.AddressGroups;
using SecGroupAdmin.Data.DefaultRules;
using SecGroupAdmin.Data.Rbac;
using SecGroupAdmin.Data.SecurityGroups;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// Lists over the real app on Kestrel: without a limit they are streamed (chunked, no Content-Length) and complete
/// across many write batches; <c>Api:PaginationMaxLimit</c> gives Neutron's pagination_max_limit (a request without
/// limit, or with 0 or more, gets the maximum and links that walk the whole list).
/// </summary>
public sealed class ListPagingApiTests : IAsyncLifetime
{
    private TestAppHost defaults = null!;
    private TestAppHost capped = null!;

    public async Task InitializeAsync()
    {
        defaults = TestAppHost.Start(new TestAppOptions { AdminEmail = "root@paging.test" });
        capped = TestAppHost.Start(new TestAppOptions
        {
            AdminEmail = "root@paging.test",
            Settings = new Dictionary<string, string> { ["Api:PaginationMaxLimit"] = "3" },
        });
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await defaults.DisposeAsync();
        await capped.DisposeAsync();
    }

    [Fact]
    public async Task A_list_without_limit_is_streamed_whole_in_id_order()
    {
        var (client, groupId) = await ClientWithGroupAsync(defaults);
        var start = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        await using (var db = await defaults.DbAsync())
        {
            var tenant = db.SecurityGroups.Single(g => g.Id == groupId).TenantId;
            for (var i = 0; i < 2500; i++)
            {
                var id = Guid.NewGuid().ToString();
                db.SecurityGroupRules.Add(new SecurityGroupRule
                {
                    Id = id, SecurityGroupId = groupId, TenantId = tenant, Protocol = "tcp", PortRangeMin = i, PortRangeMax = i,
                    DuplicateKey = id, CreatedAt = start.AddMilliseconds(i), UpdatedAt = start,
                });
            }
            await db.SaveChangesAsync();
        }

        using var response = await client.GetAsync($"/v2.0/security-group-rules?security_group_id={groupId}", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var ids = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["security_group_rules"]!.AsArray()
            .Select(r => (string)r!["id"]!).ToList();
        Assert.Equal(2502, ids.Count); // and the group's 2 egress rules
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task The_rbac_policy_list_without_limit_is_streamed_whole_in_id_order()
    {
        var (client, groupId) = await ClientWithGroupAsync(defaults);
        await using (var db = await defaults.DbAsync())
        {
            var tenant = db.SecurityGroups.Single(g => g.Id == groupId).TenantId;
            // More policies than one write batch (500), so the list is flushed several times on its way.
            db.RbacPolicies.AddRange(Enumerable.Range(0, 1200).Select(i => new RbacPolicy
            {
                TenantId = tenant, ObjectType = "security_group", ObjectId = groupId, Action = "access_as_shared",
                TargetTenant = $"target-{i:D4}", CreatedAt = DateTime.UtcNow,
            }));
            await db.SaveChangesAsync();
        }

        using var response = await client.GetAsync("/v2.0/rbac-policies", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var policies = body["rbac_policies"]!.AsArray();
        Assert.Null(body["rbac_policies_links"]);
        var ids = policies.Select(p => (string)p!["id"]!).ToList();
        Assert.Equal(1200, ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(1200, policies.Select(p => (string)p!["target_tenant"]!).Distinct().Count());
        Assert.All(policies, p => Assert.Equal(groupId, (string)p!["object_id"]!));

        // With a limit it is one page with its links, as before.
        var page = await GetAsync(client, "/v2.0/rbac-policies?limit=2&fields=id");
        Assert.Equal(ids.Take(2), page["rbac_policies"]!.AsArray().Select(p => (string)p!["id"]!));
        Assert.Equal(["id"], page["rbac_policies"]![0]!.AsObject().Select(kv => kv.Key));
        Assert.Contains(page["rbac_policies_links"]!.AsArray(), l => (string)l!["rel"]! == "next");
    }

    [Fact]
    public async Task The_address_group_list_without_limit_is_streamed_whole_with_every_groups_addresses()
    {
        var (client, groupId) = await ClientWithGroupAsync(defaults);
        var start = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        await using (var db = await defaults.DbAsync())
        {
            var tenant = db.SecurityGroups.Single(g => g.Id == groupId).TenantId;
            // More address groups than two write batches (100 each), each with addresses stored out of their order.
            for (var i = 0; i < 250; i++)
            {
                db.AddressGroups.Add(new AddressGroup
                {
                    TenantId = tenant, Name = $"ag-{i:D3}", CreatedAt = start, UpdatedAt = start,
                    Addresses =
                    [
                        new AddressGroupAddress { Address = $"10.{i % 250}.2.0/24", Position = 2 },
                        new AddressGroupAddress { Address = $"10.{i % 250}.0.0/24", Position = 0 },
                        new AddressGroupAddress { Address = $"10.{i % 250}.1.0/24", Position = 1 },
                    ],
                });
            }
            await db.SaveChangesAsync();
        }

        using var response = await client.GetAsync("/v2.0/address-groups", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Null(body["address_groups_links"]);
        var groups = body["address_groups"]!.AsArray();
        var ids = groups.Select(g => (string)g!["id"]!).ToList();
        Assert.Equal(250, ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.All(groups, g =>
        {
            var i = int.Parse(((string)g!["name"]!)[3..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal([$"10.{i}.0.0/24", $"10.{i}.1.0/24", $"10.{i}.2.0/24"], g["addresses"]!.AsArray().Select(a => (string)a!));
        });

        // With a limit it is one page with its links; fields still bring tenant_id along (as the reference).
        var page = await GetAsync(client, "/v2.0/address-groups?limit=2&fields=name");
        Assert.Equal(ids.Take(2).Select(id => groups.Single(g => (string)g!["id"]! == id)!["name"]!.GetValue<string>()),
            page["address_groups"]!.AsArray().Select(g => (string)g!["name"]!));
        Assert.Equal(["name", "tenant_id"], page["address_groups"]![0]!.AsObject().Select(kv => kv.Key));
        Assert.Contains(page["address_groups_links"]!.AsArray(), l => (string)l!["rel"]! == "next");
    }

    [Fact]
    public async Task The_default_rule_list_without_limit_is_streamed_whole_in_id_order()
    {
        var (client, _) = await ClientWithGroupAsync(defaults);
        var start = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        await using (var db = await defaults.DbAsync())
        {
            // More rules than two write batches (500 each), besides the four seeded by the migration.
            db.DefaultSecurityGroupRules.AddRange(Enumerable.Range(1, 1200).Select(i => new DefaultSecurityGroupRule
            {
                Direction = "ingress", Protocol = "tcp", PortRangeMin = i, PortRangeMax = i, CreatedAt = start.AddMilliseconds(i),
            }));
            await db.SaveChangesAsync();
        }

        using var response = await client.GetAsync("/v2.0/default-security-group-rules", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Null(body["default_security_group_rules_links"]);
        var rules = body["default_security_group_rules"]!.AsArray();
        var ids = rules.Select(r => (string)r!["id"]!).ToList();
        Assert.Equal(1204, ids.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(1200, rules.Where(r => (string?)r!["direction"] == "ingress" && (string?)r["protocol"] == "tcp")
            .Select(r => (int)r!["port_range_min"]!).Distinct().Count());

        var page = await GetAsync(client, "/v2.0/default-security-group-rules?limit=2&fields=id");
        Assert.Equal(ids.Take(2), page["default_security_group_rules"]!.AsArray().Select(r => (string)r!["id"]!));
        Assert.Contains(page["default_security_group_rules_links"]!.AsArray(), l => (string)l!["rel"]! == "next");
    }

    [Fact]
    public async Task Pagination_max_limit_pages_a_list_without_limit_and_caps_larger_limits()
    {
        var (client, _) = await ClientWithGroupAsync(capped);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(201, (await PostAsync(client, "/v2.0/security-groups", $"{{\"security_group\": {{\"name\": \"g{i}\"}}}}")).Status);
        }
        var all = new List<string>();
        string? next = "/v2.0/security-groups?fields=id";
        while (next is not null)
        {
            var page = await GetAsync(client, next);
            var items = page["security_groups"]!.AsArray().Select(g => (string)g!["id"]!).ToList();
            Assert.True(items.Count <= 3);
            all.AddRange(items);
            next = page["security_groups_links"]?.AsArray().Where(l => (string)l!["rel"]! == "next").Select(l => new Uri((string)l!["href"]!).PathAndQuery).FirstOrDefault();
        }
        // The default group, "target" and g0..g4.
        Assert.Equal(7, all.Count);
        Assert.Equal(all.Order(StringComparer.Ordinal), all);

        var first = await GetAsync(client, "/v2.0/security-groups?fields=id");
        Assert.Equal(3, first["security_groups"]!.AsArray().Count);
        Assert.Equal(["next", "previous"], first["security_groups_links"]!.AsArray().Select(l => (string)l!["rel"]!));
        Assert.Equal(3, (await GetAsync(client, "/v2.0/security-groups?limit=0"))["security_groups"]!.AsArray().Count);
        Assert.Equal(3, (await GetAsync(client, "/v2.0/security-groups?limit=50"))["security_groups"]!.AsArray().Count);
        Assert.Equal(2, (await GetAsync(client, "/v2.0/security-groups?limit=2"))["security_groups"]!.AsArray().Count);

        var unlimited = await ClientWithGroupAsync(defaults);
        var whole = await GetAsync(unlimited.Client, "/v2.0/security-groups");
        Assert.Null(whole["security_groups_links"]);
        Assert.Equal(2, whole["security_groups"]!.AsArray().Count);
    }

    private static async Task<(HttpClient Client, string GroupId)> ClientWithGroupAsync(TestAppHost host)
    {
        var member = await host.People.PersonAsync("member@paging.test", Role.Member, "paging");
        var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Auth-Token", await host.People.TokenAsync(member, "paging"));
        var (status, body) = await PostAsync(client, "/v2.0/security-groups", "{\"security_group\": {\"name\": \"target\"}}");
        Assert.Equal(201, status);
        return (client, (string)body!["security_group"]!["id"]!);
    }

    private static async Task<JsonNode> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!;
    }

    private static async Task<(int Status, JsonNode? Body)> PostAsync(HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
