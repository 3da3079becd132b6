using System.Text.Json.Nodes;

namespace SecGroupAdmin.E2E.Cli;

/// <summary>
/// Debian's unmodified <c>openstack</c> CLI (python-openstackclient over openstacksdk) against the real app on Kestrel,
/// authenticated with an API token through the <c>admin_token</c> plugin and <c>--os-endpoint</c>.
/// </summary>
[Collection(OpenStackCliCollection.Name)]
public class OpenStackCliTests(OpenStackCliFixture cli)
{
    private Task<ProcessResult> Os(params string[] args) => cli.OpenStackAsync(null, args);

    private async Task<JsonNode> OsJson(params string[] args) => (await Os([.. args, "-f", "json"])).Json();

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task Security_group_create_list_show_set_delete()
    {
        var name = Unique("web");
        var created = await OsJson("security", "group", "create", name, "--description", "web servers");
        var id = (string)created["id"]!;
        Assert.Equal(name, (string?)created["name"]);
        Assert.Equal("web servers", (string?)created["description"]);
        Assert.Equal(cli.TenantId, (string?)created["project_id"]);

        var list = (await OsJson("security", "group", "list")).AsArray();
        Assert.Contains(list, g => (string?)g!["ID"] == id && (string?)g["Name"] == name && (string?)g["Description"] == "web servers");
        Assert.Contains(list, g => (string?)g!["Name"] == "default");

        // By name (the CLI looks the name up) and by id.
        var byName = await OsJson("security", "group", "show", name);
        Assert.Equal(id, (string?)byName["id"]);
        var byId = await OsJson("security", "group", "show", id);
        Assert.Equal(name, (string?)byId["name"]);
        Assert.Contains("egress", byId["rules"]!.ToJsonString());

        var renamed = Unique("web2");
        var set = await Os("security", "group", "set", "--name", renamed, "--description", "changed", id);
        Assert.True(set.ExitCode == 0, set.ToString());
        var shown = await OsJson("security", "group", "show", id);
        Assert.Equal(renamed, (string?)shown["name"]);
        Assert.Equal("changed", (string?)shown["description"]);

        var deleted = await Os("security", "group", "delete", renamed);
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        var gone = await Os("security", "group", "show", id, "-f", "json");
        Assert.NotEqual(0, gone.ExitCode);
        Assert.DoesNotContain(id, (await Os("security", "group", "list", "-f", "json")).Stdout);
    }

    [Fact]
    public async Task Rule_create_in_every_shape_list_with_filters_and_delete()
    {
        var group = Unique("app");
        var groupId = (string)(await OsJson("security", "group", "create", group))["id"]!;
        var peer = Unique("peer");
        var peerId = (string)(await OsJson("security", "group", "create", peer))["id"]!;

        var tcp = await OsJson("security", "group", "rule", "create", "--ingress", "--protocol", "tcp",
            "--dst-port", "8000:8080", "--remote-ip", "10.1.0.0/16", group);
        Assert.Equal("tcp", (string?)tcp["protocol"]);
        Assert.Equal(8000, (int?)tcp["port_range_min"]);
        Assert.Equal(8080, (int?)tcp["port_range_max"]);
        Assert.Equal("10.1.0.0/16", (string?)tcp["remote_ip_prefix"]);
        Assert.Equal("ingress", (string?)tcp["direction"]);
        Assert.Equal(groupId, (string?)tcp["security_group_id"]);

        var icmp = await OsJson("security", "group", "rule", "create", "--protocol", "icmp", "--icmp-type", "8", "--icmp-code", "0", group);
        Assert.Equal("icmp", (string?)icmp["protocol"]);
        Assert.Equal(8, (int?)icmp["port_range_min"]);
        Assert.Equal(0, (int?)icmp["port_range_max"]);

        var v6 = await OsJson("security", "group", "rule", "create", "--ethertype", "IPv6", "--protocol", "tcp", "--dst-port", "443", group);
        Assert.Equal("IPv6", (string?)v6["ether_type"] ?? (string?)v6["ethertype"]);
        Assert.Equal(443, (int?)v6["port_range_min"]);

        var remote = await OsJson("security", "group", "rule", "create", "--protocol", "udp", "--dst-port", "53", "--remote-group", peer, group);
        Assert.Equal(peerId, (string?)remote["remote_group_id"]);

        var egress = await OsJson("security", "group", "rule", "create", "--egress", "--protocol", "tcp", "--dst-port", "25", group);
        Assert.Equal("egress", (string?)egress["direction"]);

        // The group argument narrows to the group; --ingress and --protocol narrow further.
        var all = (await OsJson("security", "group", "rule", "list", group)).AsArray();
        var ids = all.Select(r => (string)r!["ID"]!).ToHashSet();
        Assert.Superset(new HashSet<string> { Id(tcp), Id(icmp), Id(v6), Id(remote), Id(egress) }, ids);
        Assert.Equal(7, all.Count); // the five above and the two egress rules every new group gets
        Assert.DoesNotContain(all, r => r!["Security Group"] is not null);

        var ingressTcp = (await OsJson("security", "group", "rule", "list", group, "--ingress", "--protocol", "tcp")).AsArray();
        Assert.Equal(new[] { Id(tcp), Id(v6) }.Order(), ingressTcp.Select(r => (string)r!["ID"]!).Order());
        var row = ingressTcp.Single(r => (string?)r!["ID"] == Id(tcp))!;
        Assert.Equal("8000:8080", (string?)row["Port Range"]);
        Assert.Equal("10.1.0.0/16", (string?)row["IP Range"]);
        Assert.Equal("ingress", (string?)row["Direction"]);

        var egressOnly = (await OsJson("security", "group", "rule", "list", group, "--egress")).AsArray();
        Assert.Equal(3, egressOnly.Count);
        Assert.All(egressOnly, r => Assert.Equal("egress", (string?)r!["Direction"]));

        // Without a group: every visible rule, with the group column.
        var everywhere = (await OsJson("security", "group", "rule", "list", "--protocol", "icmp")).AsArray();
        Assert.Contains(everywhere, r => (string?)r!["ID"] == Id(icmp) && (string?)r["Security Group"] == groupId);

        var shown = await OsJson("security", "group", "rule", "show", Id(remote));
        Assert.Equal("udp", (string?)shown["protocol"]);

        var deleted = await Os("security", "group", "rule", "delete", Id(tcp), Id(icmp));
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        var after = (await OsJson("security", "group", "rule", "list", group)).AsArray();
        Assert.Equal(5, after.Count);
        Assert.DoesNotContain(after, r => (string?)r!["ID"] == Id(tcp) || (string?)r!["ID"] == Id(icmp));
        Assert.NotEqual(0, (await Os("security", "group", "rule", "show", Id(tcp), "-f", "json")).ExitCode);
    }

    [Fact]
    public async Task Duplicate_rule_prints_the_servers_message_and_fails()
    {
        var group = Unique("dup");
        await OsJson("security", "group", "create", group);
        var first = await OsJson("security", "group", "rule", "create", "--protocol", "tcp", "--dst-port", "22", "--remote-ip", "192.168.0.0/24", group);

        var again = await Os("security", "group", "rule", "create", "--protocol", "tcp", "--dst-port", "22", "--remote-ip", "192.168.0.0/24", group, "-f", "json");
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains($"Security group rule already exists. Rule id is {Id(first)}.", again.Stderr + again.Stdout);
    }

    [Fact]
    public async Task Address_group_create_set_unset_list_use_in_a_rule_and_delete()
    {
        var name = Unique("office");
        // The CLI turns a bare address into a /32 itself; the server clears host bits.
        var created = await OsJson("address", "group", "create", name, "--description", "office networks",
            "--address", "10.1.2.3/16", "--address", "192.168.1.5");
        var id = (string)created["id"]!;
        Assert.Equal("office networks", (string?)created["description"]);
        Assert.Equal(new[] { "10.1.0.0/16", "192.168.1.5/32" }.Order(), created["addresses"]!.AsArray().Select(a => (string)a!).Order());

        var list = (await OsJson("address", "group", "list")).AsArray();
        Assert.Contains(list, g => (string?)g!["ID"] == id && (string?)g["Name"] == name);
        var filtered = (await OsJson("address", "group", "list", "--name", name)).AsArray();
        Assert.Equal(id, (string?)Assert.Single(filtered)!["ID"]);

        var renamed = Unique("office2");
        var set = await Os("address", "group", "set", "--name", renamed, "--description", "changed", "--address", "2001:DB8::1/32", name);
        Assert.True(set.ExitCode == 0, set.ToString());
        var unset = await Os("address", "group", "unset", "--address", "192.168.1.5", renamed);
        Assert.True(unset.ExitCode == 0, unset.ToString());
        var shown = await OsJson("address", "group", "show", renamed);
        Assert.Equal(id, (string?)shown["id"]);
        Assert.Equal("changed", (string?)shown["description"]);
        Assert.Equal(new[] { "10.1.0.0/16", "2001:db8::/32" }.Order(), shown["addresses"]!.AsArray().Select(a => (string)a!).Order());

        var again = await Os("address", "group", "set", "--address", "10.1.0.0/16", renamed);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains($"Addresses ['10.1.0.0/16'] already exist in the address group {id}.", again.Stderr + again.Stdout);

        var group = Unique("ag-rules");
        await OsJson("security", "group", "create", group);
        var rule = await OsJson("security", "group", "rule", "create", "--protocol", "tcp", "--dst-port", "22", "--remote-address-group", renamed, group);
        Assert.Equal(id, (string?)rule["remote_address_group_id"]);

        var inUse = await Os("address", "group", "delete", renamed);
        Assert.NotEqual(0, inUse.ExitCode);
        Assert.Contains(id, inUse.Stderr + inUse.Stdout);

        Assert.True((await Os("security", "group", "rule", "delete", Id(rule))).ExitCode == 0);
        var deleted = await Os("address", "group", "delete", renamed);
        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.NotEqual(0, (await Os("address", "group", "show", id, "-f", "json")).ExitCode);
    }

    [Fact]
    public async Task Security_group_tags_set_unset_and_list_filters()
    {
        var web = Unique("tagged-web");
        var db = Unique("tagged-db");
        var prod = Unique("prod");
        var tier = Unique("tier");
        await OsJson("security", "group", "create", web);
        await OsJson("security", "group", "create", db);

        var set = await Os("security", "group", "set", "--tag", prod, "--tag", tier, web);
        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.True((await Os("security", "group", "set", "--tag", prod, db)).ExitCode == 0);
        var shown = await OsJson("security", "group", "show", web);
        Assert.Equal(new[] { prod, tier }.Order(StringComparer.Ordinal), shown["tags"]!.AsArray().Select(t => (string)t!).Order(StringComparer.Ordinal));

        var unset = await Os("security", "group", "unset", "--tag", tier, web);
        Assert.True(unset.ExitCode == 0, unset.ToString());
        Assert.Equal([prod], (await OsJson("security", "group", "show", web))["tags"]!.AsArray().Select(t => (string)t!));
        Assert.True((await Os("security", "group", "set", "--tag", tier, web)).ExitCode == 0);

        static List<string> Names(JsonNode list) => [.. list.AsArray().Select(g => (string)g!["Name"]!).Order(StringComparer.Ordinal)];
        Assert.Equal(new[] { db, web }.Order(StringComparer.Ordinal), Names(await OsJson("security", "group", "list", "--tags", prod)));
        Assert.Equal([web], Names(await OsJson("security", "group", "list", "--tags", $"{prod},{tier}")));
        Assert.Equal(new[] { db, web }.Order(StringComparer.Ordinal), Names(await OsJson("security", "group", "list", "--any-tags", $"{tier},{prod}")));
        Assert.DoesNotContain(web, Names(await OsJson("security", "group", "list", "--not-tags", $"{prod},{tier}")));
        Assert.Contains(db, Names(await OsJson("security", "group", "list", "--not-tags", $"{prod},{tier}")));
        Assert.DoesNotContain(db, Names(await OsJson("security", "group", "list", "--not-any-tags", prod)));

        var cleared = await Os("security", "group", "set", "--no-tag", web);
        Assert.True(cleared.ExitCode == 0, cleared.ToString());
        Assert.Empty((await OsJson("security", "group", "show", web))["tags"]!.AsArray());
    }

    [Fact]
    public async Task Unknown_token_is_refused()
    {
        var result = await cli.OpenStackAsync("sga_not-a-real-token", "security", "group", "list", "-f", "json");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("401", result.Stderr + result.Stdout);
    }

    private static string Id(JsonNode rule) => (string)rule["id"]!;
}

[CollectionDefinition(Name)]
public class OpenStackCliCollection : ICollectionFixture<OpenStackCliFixture>
{
    public const string Name = "openstack-cli";
}
