using System.Text.Json.Nodes;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// Tenant A's group, rule and port, tenant B's group and port, on one <see cref="ApiTestHost"/> (quotas of A lifted
/// so that the matrix can create as much as it needs). Also records every id of each tenant, for the leak checks.
/// </summary>
public sealed class AuthorizationWorld : IAsyncLifetime
{
    public ApiTestHost Host { get; } = new();
    public string GroupA { get; private set; } = "";
    public string RuleA { get; private set; } = "";
    public string PortA { get; private set; } = "";
    public string AddressGroupA { get; private set; } = "";
    /// <summary>A's RBAC policy sharing a group of A with A itself (a share with B would show B A's ids).</summary>
    public string PolicyA { get; private set; } = "";
    /// <summary>Ids (tenant, groups, rules, ports) that belong to tenant A / tenant B.</summary>
    public HashSet<string> IdsOfA { get; } = [];
    public HashSet<string> IdsOfB { get; } = [];
    private int counter;

    public int Next() => Interlocked.Increment(ref counter);

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        IdsOfA.Add(Host.TenantA);
        IdsOfB.Add(Host.TenantB);
        await Send("cloudAdmin", "PUT", $"/v2.0/quotas/{Host.TenantA}", """{"quota": {"security_group": -1, "security_group_rule": -1}}""", 200);
        GroupA = await CreateGroupAsync("memberA", "authz-a");
        RuleA = await CreateRuleAsync("memberA", GroupA, 1);
        PortA = await CreatePortAsync("memberA");
        AddressGroupA = await CreateAddressGroupAsync("memberA", "authz-ag-a");
        PolicyA = await CreatePolicyAsync("authz-shared");
        // A tag each on A's group and rule, for the tag checks.
        await Send("memberA", "PUT", $"/v2.0/security-groups/{GroupA}/tags/keep", null, 201);
        await Send("memberA", "PUT", $"/v2.0/security-group-rules/{RuleA}/tags/keep", null, 201);
        await CreateGroupAsync("memberB", "authz-b");
        await CreateAddressGroupAsync("memberB", "authz-ag-b");
        await CreatePortAsync("memberB");
        // Both default groups and their rules now exist: remember every id.
        foreach (var (who, ids) in new[] { ("memberA", IdsOfA), ("memberB", IdsOfB) })
        {
            var groups = await Send(who, "GET", "/v2.0/security-groups", null, 200);
            foreach (var g in groups!["security_groups"]!.AsArray())
            {
                ids.Add((string)g!["id"]!);
                foreach (var r in g["security_group_rules"]!.AsArray())
                {
                    ids.Add((string)r!["id"]!);
                }
            }
        }
    }

    public async Task<JsonNode?> Send(string who, string method, string path, string? body, int status)
    {
        var (s, b) = await ApiTestHost.SendAsync(Host.Client(who), method, path, body);
        Assert.True(s == status, $"setup {who} {method} {path}: expected {status}, got {s}: {b?.ToJsonString()}");
        return b;
    }

    private HashSet<string> IdsOf(string who) => who.EndsWith('B') ? IdsOfB : IdsOfA;

    public async Task<string> CreateGroupAsync(string who, string name)
    {
        var b = await Send(who, "POST", "/v2.0/security-groups", $$$"""{"security_group": {"name": "{{{name}}}"}}""", 201);
        var id = (string)b!["security_group"]!["id"]!;
        IdsOf(who).Add(id);
        foreach (var r in b["security_group"]!["security_group_rules"]!.AsArray())
        {
            IdsOf(who).Add((string)r!["id"]!);
        }
        return id;
    }

    public async Task<string> CreateRuleAsync(string who, string groupId, int port)
    {
        var b = await Send(who, "POST", "/v2.0/security-group-rules",
            $$$"""{"security_group_rule": {"security_group_id": "{{{groupId}}}", "direction": "ingress", "protocol": "tcp", "port_range_min": {{{port}}}, "port_range_max": {{{port}}}}}""", 201);
        var id = (string)b!["security_group_rule"]!["id"]!;
        IdsOf(who).Add(id);
        return id;
    }

    public async Task<string> CreatePortAsync(string who)
    {
        var b = await Send(who, "POST", "/v2.0/ports", """{"port": {"network_id": "net-1"}}""", 201);
        var id = (string)b!["port"]!["id"]!;
        IdsOf(who).Add(id);
        return id;
    }

    public async Task<string> CreateAddressGroupAsync(string who, string name, params string[] addresses)
    {
        var list = string.Join(", ", addresses.Select(a => $"\"{a}\""));
        var b = await Send(who, "POST", "/v2.0/address-groups", $$$"""{"address_group": {"name": "{{{name}}}", "addresses": [{{{list}}}]}}""", 201);
        var id = (string)b!["address_group"]!["id"]!;
        IdsOf(who).Add(id);
        return id;
    }

    /// <summary>A new group of A shared (by memberA) with A itself; returns the policy's id.</summary>
    public async Task<string> CreatePolicyAsync(string name)
    {
        var group = await CreateGroupAsync("memberA", name);
        var b = await Send("memberA", "POST", "/v2.0/rbac-policies", PolicyBody(group), 201);
        var id = (string)b!["rbac_policy"]!["id"]!;
        IdsOfA.Add(id);
        return id;
    }

    /// <summary>A policy body sharing <paramref name="group"/> with tenant A.</summary>
    public string PolicyBody(string group) =>
        $$$"""{"rbac_policy": {"object_type": "security_group", "object_id": "{{{group}}}", "action": "access_as_shared", "target_tenant": "{{{Host.TenantA}}}"}}""";

    /// <summary>Tags <paramref name="id"/> (as memberA) with <paramref name="tag"/>; returns the id.</summary>
    public async Task<string> TagAsync(string collection, string id, string tag)
    {
        await Send("memberA", "PUT", $"/v2.0/{collection}/{id}/tags/{tag}", null, 201);
        return id;
    }

    /// <summary>A template rule made by the CloudAdmin (the template is no tenant's: its ids are not recorded).</summary>
    public async Task<string> CreateDefaultRuleAsync(string body)
    {
        var b = await Send("cloudAdmin", "POST", "/v2.0/default-security-group-rules", body, 201);
        return (string)b!["default_security_group_rule"]!["id"]!;
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}

/// <summary>
/// Every endpoint × every kind of caller → status, as Neutron answers (neutron/api/v2/base.py: a policy failure on a resource
/// the caller may not see becomes 404, "pretend that it doesn't exist" in Controller._update and _delete): invisible → 404, visible but not
/// allowed → 403 PolicyNotAuthorized "rule:&lt;action&gt; is disallowed by policy", readers read their tenant, the
/// auditor reads everything and may write nothing, cloudAdmin does everything, no or revoked token → 401.
/// Targets are tenant A's resources. No answer to memberB or readerA may carry the other tenant's ids.
/// </summary>
public class AuthorizationMatrixTests(AuthorizationWorld world) : IClassFixture<AuthorizationWorld>
{
    public static readonly string[] Callers = ["adminA", "memberA", "readerA", "memberB", "auditor", "cloudAdmin", "none", "revoked"];

    /// <summary>Per operation: expected status for each of <see cref="Callers"/>, and the policy action named in 403s.</summary>
    private static readonly Dictionary<string, (int[] Statuses, string? Action)> Expected = new()
    {
        ["groups.list"] = ([200, 200, 200, 200, 200, 200, 401, 401], null),
        ["groups.show"] = ([200, 200, 200, 404, 200, 200, 401, 401], null),
        ["groups.create"] = ([201, 201, 403, 201, 403, 201, 401, 401], "create_security_group"),
        ["groups.update"] = ([200, 200, 403, 404, 403, 200, 401, 401], "update_security_group"),
        ["groups.delete"] = ([204, 204, 403, 404, 403, 204, 401, 401], "delete_security_group"),
        ["rules.list"] = ([200, 200, 200, 200, 200, 200, 401, 401], null),
        ["rules.show"] = ([200, 200, 200, 404, 200, 200, 401, 401], null),
        ["rules.create"] = ([201, 201, 403, 404, 403, 201, 401, 401], "create_security_group_rule"),
        ["rules.delete"] = ([204, 204, 403, 404, 403, 204, 401, 401], "delete_security_group_rule"),
        ["ports.list"] = ([200, 200, 200, 200, 200, 200, 401, 401], null),
        ["ports.show"] = ([200, 200, 200, 404, 200, 200, 401, 401], null),
        ["ports.create"] = ([201, 201, 403, 201, 403, 201, 401, 401], "create_port"),
        ["ports.update"] = ([200, 200, 403, 404, 403, 200, 401, 401], "update_port"),
        ["ports.delete"] = ([204, 204, 403, 404, 403, 204, 401, 401], "delete_port"),
        ["addressgroups.list"] = ([200, 200, 200, 200, 200, 200, 401, 401], null),
        ["addressgroups.show"] = ([200, 200, 200, 404, 200, 200, 401, 401], null),
        ["addressgroups.create"] = ([201, 201, 403, 201, 403, 201, 401, 401], "create_address_group"),
        ["addressgroups.update"] = ([200, 200, 403, 404, 403, 200, 401, 401], "update_address_group"),
        ["addressgroups.delete"] = ([204, 204, 403, 404, 403, 204, 401, 401], "delete_address_group"),
        ["addressgroups.add_addresses"] = ([200, 200, 403, 404, 403, 200, 401, 401], "add_addresses"),
        ["addressgroups.remove_addresses"] = ([200, 200, 403, 404, 403, 200, 401, 401], "remove_addresses"),
        ["grouptags.list"] = ([200, 200, 200, 404, 200, 200, 401, 401], null),
        ["grouptags.check"] = ([204, 204, 204, 404, 204, 204, 401, 401], null),
        ["grouptags.add"] = ([201, 201, 403, 404, 403, 201, 401, 401], "update_security_groups_tags"),
        ["grouptags.replace"] = ([200, 200, 403, 404, 403, 200, 401, 401], "update_security_groups_tags"),
        ["grouptags.add_many"] = ([201, 201, 403, 404, 403, 201, 401, 401], "create_security_groups_tags"),
        ["grouptags.remove"] = ([204, 204, 403, 404, 403, 204, 401, 401], "delete_security_groups_tags"),
        ["grouptags.remove_all"] = ([204, 204, 403, 404, 403, 204, 401, 401], "delete_security_groups_tags"),
        ["ruletags.list"] = ([200, 200, 200, 404, 200, 200, 401, 401], null),
        ["ruletags.check"] = ([204, 204, 204, 404, 204, 204, 401, 401], null),
        ["ruletags.add"] = ([201, 201, 403, 404, 403, 201, 401, 401], "update_security_group_rules_tags"),
        ["ruletags.replace"] = ([200, 200, 403, 404, 403, 200, 401, 401], "update_security_group_rules_tags"),
        ["ruletags.add_many"] = ([201, 201, 403, 404, 403, 201, 401, 401], "create_security_group_rules_tags"),
        ["ruletags.remove"] = ([204, 204, 403, 404, 403, 204, 401, 401], "delete_security_group_rules_tags"),
        ["ruletags.remove_all"] = ([204, 204, 403, 404, 403, 204, 401, 401], "delete_security_group_rules_tags"),
        // The template belongs to no tenant: everyone signed in reads it, only a CloudAdmin changes it.
        ["defaultrules.list"] = ([200, 200, 200, 200, 200, 200, 401, 401], null),
        ["defaultrules.show"] = ([200, 200, 200, 200, 200, 200, 401, 401], null),
        ["defaultrules.create"] = ([403, 403, 403, 403, 403, 201, 401, 401], "create_default_security_group_rule"),
        ["defaultrules.delete"] = ([403, 403, 403, 403, 403, 204, 401, 401], "delete_default_security_group_rule"),
        // Policies are their project's: another project's are not found, and sharing another project's object is a 400
        // (InvalidInput, "Only admins can manipulate policies on objects they do not own"), as the reference.
        ["rbac.list"] = ([200, 200, 200, 200, 200, 200, 401, 401], null),
        ["rbac.show"] = ([200, 200, 200, 404, 200, 200, 401, 401], null),
        ["rbac.create"] = ([201, 201, 403, 400, 403, 201, 401, 401], "create_rbac_policy"),
        ["rbac.update"] = ([200, 200, 403, 404, 403, 200, 401, 401], "update_rbac_policy"),
        ["rbac.delete"] = ([204, 204, 403, 404, 403, 204, 401, 401], "delete_rbac_policy"),
        ["quotas.show"] = ([200, 200, 200, 404, 200, 200, 401, 401], null),
        ["quotas.update"] = ([403, 403, 403, 404, 403, 200, 401, 401], "update_quota"),
    };

    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var (op, (statuses, _)) in Expected)
        {
            for (var i = 0; i < Callers.Length; i++)
            {
                data.Add(op, Callers[i], statuses[i]);
            }
        }
        return data;
    }

    private HttpClient ClientFor(string who) => who switch
    {
        "none" => world.Host.Client(null),
        "revoked" => world.Host.Client(world.Host.RevokedToken),
        _ => world.Host.Client(who),
    };

    /// <summary>The request for <paramref name="op"/>; writes that consume their target get a fresh one (made by memberA).</summary>
    private async Task<(string Method, string Path, string? Body)> RequestFor(string op)
    {
        var a = world.Host.TenantA;
        var n = world.Next();
        return op switch
        {
            "groups.list" => ("GET", "/v2.0/security-groups", null),
            "groups.show" => ("GET", $"/v2.0/security-groups/{world.GroupA}", null),
            "groups.create" => ("POST", "/v2.0/security-groups", $$$"""{"security_group": {"name": "m{{{n}}}"}}"""),
            "groups.update" => ("PUT", $"/v2.0/security-groups/{world.GroupA}", $$$"""{"security_group": {"description": "d{{{n}}}"}}"""),
            "groups.delete" => ("DELETE", $"/v2.0/security-groups/{await world.CreateGroupAsync("memberA", $"del{n}")}", null),
            "rules.list" => ("GET", "/v2.0/security-group-rules", null),
            "rules.show" => ("GET", $"/v2.0/security-group-rules/{world.RuleA}", null),
            "rules.create" => ("POST", "/v2.0/security-group-rules",
                $$$"""{"security_group_rule": {"security_group_id": "{{{world.GroupA}}}", "direction": "ingress", "protocol": "udp", "port_range_min": {{{1000 + n}}}, "port_range_max": {{{1000 + n}}}}}"""),
            "rules.delete" => ("DELETE", $"/v2.0/security-group-rules/{await world.CreateRuleAsync("memberA", world.GroupA, 20000 + n)}", null),
            "ports.list" => ("GET", "/v2.0/ports", null),
            "ports.show" => ("GET", $"/v2.0/ports/{world.PortA}", null),
            "ports.create" => ("POST", "/v2.0/ports", """{"port": {"network_id": "net-2"}}"""),
            "ports.update" => ("PUT", $"/v2.0/ports/{world.PortA}", $$$"""{"port": {"name": "p{{{n}}}"}}"""),
            "ports.delete" => ("DELETE", $"/v2.0/ports/{await world.CreatePortAsync("memberA")}", null),
            "addressgroups.list" => ("GET", "/v2.0/address-groups", null),
            "addressgroups.show" => ("GET", $"/v2.0/address-groups/{world.AddressGroupA}", null),
            "addressgroups.create" => ("POST", "/v2.0/address-groups", $$$"""{"address_group": {"name": "ag{{{n}}}", "addresses": ["10.{{{n % 250}}}.0.0/16"]}}"""),
            "addressgroups.update" => ("PUT", $"/v2.0/address-groups/{world.AddressGroupA}", $$$"""{"address_group": {"description": "d{{{n}}}"}}"""),
            "addressgroups.delete" => ("DELETE", $"/v2.0/address-groups/{await world.CreateAddressGroupAsync("memberA", $"agdel{n}")}", null),
            "addressgroups.add_addresses" => ("PUT", $"/v2.0/address-groups/{world.AddressGroupA}/add_addresses", $$$"""{"addresses": ["172.{{{16 + n / 250}}}.{{{n % 250}}}.0/24"]}"""),
            "addressgroups.remove_addresses" => ("PUT", $"/v2.0/address-groups/{await world.CreateAddressGroupAsync("memberA", $"agrm{n}", "192.168.7.0/24")}/remove_addresses",
                """{"addresses": ["192.168.7.0/24"]}"""),
            "grouptags.list" => ("GET", $"/v2.0/security-groups/{world.GroupA}/tags", null),
            "grouptags.check" => ("GET", $"/v2.0/security-groups/{world.GroupA}/tags/keep", null),
            "grouptags.add" => ("PUT", $"/v2.0/security-groups/{world.GroupA}/tags/t{n}", null),
            "grouptags.replace" => ("PUT", $"/v2.0/security-groups/{world.GroupA}/tags", $$$"""{"tags": ["keep", "r{{{n}}}"]}"""),
            "grouptags.add_many" => ("POST", $"/v2.0/security-groups/{world.GroupA}/tags", $$$"""{"tags": ["p{{{n}}}"]}"""),
            "grouptags.remove" => ("DELETE", $"/v2.0/security-groups/{await world.TagAsync("security-groups", world.GroupA, $"d{n}")}/tags/d{n}", null),
            "grouptags.remove_all" => ("DELETE", $"/v2.0/security-groups/{await world.TagAsync("security-groups", await world.CreateGroupAsync("memberA", $"tagdel{n}"), $"a{n}")}/tags", null),
            "ruletags.list" => ("GET", $"/v2.0/security-group-rules/{world.RuleA}/tags", null),
            "ruletags.check" => ("GET", $"/v2.0/security-group-rules/{world.RuleA}/tags/keep", null),
            "ruletags.add" => ("PUT", $"/v2.0/security-group-rules/{world.RuleA}/tags/t{n}", null),
            "ruletags.replace" => ("PUT", $"/v2.0/security-group-rules/{world.RuleA}/tags", $$$"""{"tags": ["keep", "r{{{n}}}"]}"""),
            "ruletags.add_many" => ("POST", $"/v2.0/security-group-rules/{world.RuleA}/tags", $$$"""{"tags": ["p{{{n}}}"]}"""),
            "ruletags.remove" => ("DELETE", $"/v2.0/security-group-rules/{await world.TagAsync("security-group-rules", world.RuleA, $"d{n}")}/tags/d{n}", null),
            "ruletags.remove_all" => ("DELETE", $"/v2.0/security-group-rules/{await world.TagAsync("security-group-rules", await world.CreateRuleAsync("memberA", world.GroupA, 30000 + n), $"a{n}")}/tags", null),
            "defaultrules.list" => ("GET", "/v2.0/default-security-group-rules", null),
            "defaultrules.show" => ("GET", "/v2.0/default-security-group-rules/9d8e3a52-4f0b-4c5e-9a51-2f7c8d1e6b02", null),
            "defaultrules.create" => ("POST", "/v2.0/default-security-group-rules", UnusedDefaultRule(n)),
            "defaultrules.delete" => ("DELETE", $"/v2.0/default-security-group-rules/{await world.CreateDefaultRuleAsync(UnusedDefaultRule(n))}", null),
            "rbac.list" => ("GET", "/v2.0/rbac-policies", null),
            "rbac.show" => ("GET", $"/v2.0/rbac-policies/{world.PolicyA}", null),
            "rbac.create" => ("POST", "/v2.0/rbac-policies", world.PolicyBody(await world.CreateGroupAsync("memberA", $"share{n}"))),
            "rbac.update" => ("PUT", $"/v2.0/rbac-policies/{world.PolicyA}", $$$"""{"rbac_policy": {"target_tenant": "{{{a}}}"}}"""),
            "rbac.delete" => ("DELETE", $"/v2.0/rbac-policies/{await world.CreatePolicyAsync($"unshare{n}")}", null),
            "quotas.show" => ("GET", $"/v2.0/quotas/{a}", null),
            "quotas.update" => ("PUT", $"/v2.0/quotas/{a}", """{"quota": {"security_group": -1, "security_group_rule": -1}}"""),
            _ => throw new ArgumentOutOfRangeException(nameof(op)),
        };
    }

    /// <summary>A template rule for neither kind of group: the groups the matrix creates stay as they were.</summary>
    private static string UnusedDefaultRule(int n) =>
        $$$"""{"default_security_group_rule": {"direction": "ingress", "protocol": "tcp", "port_range_min": {{{30000 + n}}}, "port_range_max": {{{30000 + n}}}, "used_in_default_sg": false, "used_in_non_default_sg": false}}""";

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Endpoint_answers_each_caller_as_the_policy_says(string op, string who, int expected)
    {
        var (method, path, body) = await RequestFor(op);
        var (status, answer) = await ApiTestHost.SendAsync(ClientFor(who), method, path, body);
        var where = $"{who} {method} {path} → {answer?.ToJsonString()}";
        Assert.True(expected == status, $"{where}: expected {expected}, got {status}");
        var error = answer?["NeutronError"];
        switch (status)
        {
            case 401:
                Assert.Equal("HTTPUnauthorized", (string?)error?["type"]);
                break;
            case 403:
                Assert.Equal("PolicyNotAuthorized", (string?)error?["type"]);
                Assert.Equal($"rule:{Expected[op].Action} is disallowed by policy", (string?)error?["message"]);
                break;
            case 400:
                Assert.Equal("InvalidInput", (string?)error?["type"]);
                break;
            case 404:
                Assert.NotNull(error);
                break;
            case 204:
                Assert.Null(answer);
                break;
        }
        if (status >= 200 && status < 300 && method == "POST" && !op.StartsWith("defaultrules.", StringComparison.Ordinal) &&
            answer!.AsObject().First().Value is JsonObject created)
        {
            (who.EndsWith('B') ? world.IdsOfB : world.IdsOfA).Add((string)created["id"]!);
        }
        AssertNoForeignIds(who, method + " " + path + " " + body, answer);
    }

    /// <summary>memberB never sees A's ids or tenant, readerA never sees B's (ids the request itself names are echoed, as Neutron does).</summary>
    private void AssertNoForeignIds(string who, string request, JsonNode? answer)
    {
        var foreign = who switch
        {
            "memberB" => world.IdsOfA,
            "readerA" or "memberA" or "adminA" => world.IdsOfB,
            _ => null,
        };
        if (foreign is null || answer is null)
        {
            return;
        }
        var text = answer.ToJsonString();
        foreach (var id in foreign.Where(id => !request.Contains(id, StringComparison.Ordinal)))
        {
            Assert.False(text.Contains(id, StringComparison.Ordinal), $"{who} got a foreign id {id}: {text}");
        }
    }

    [Theory]
    [InlineData("memberB")]
    [InlineData("readerA")]
    public async Task Lists_and_own_quota_never_show_the_other_tenant(string who)
    {
        var own = who == "memberB" ? world.Host.TenantB : world.Host.TenantA;
        foreach (var path in new[]
        {
            "/v2.0/security-groups", "/v2.0/security-group-rules", "/v2.0/ports", $"/v2.0/quotas/{own}",
            "/v2.0/security-groups?fields=id&fields=tenant_id", "/v2.0/security-group-rules?sort_key=id&sort_dir=desc&sort_key=security_group_id&sort_dir=asc",
            "/v2.0/security-groups?limit=1", "/v2.0/ports?fields=security_groups",
            "/v2.0/address-groups", "/v2.0/address-groups?fields=id&sort_key=name&sort_dir=asc", "/v2.0/address-groups?limit=1",
            "/v2.0/rbac-policies", "/v2.0/rbac-policies?fields=object_id&sort_key=id&sort_dir=desc", "/v2.0/rbac-policies?limit=1",
        })
        {
            var (status, answer) = await ApiTestHost.SendAsync(world.Host.Client(who), "GET", path);
            Assert.Equal(200, status);
            AssertNoForeignIds(who, "GET " + path, answer);
            if (path == "/v2.0/security-groups")
            {
                Assert.NotEmpty(answer!["security_groups"]!.AsArray());
                Assert.All(answer["security_groups"]!.AsArray(), g => Assert.Equal(own, (string?)g!["tenant_id"]));
            }
        }
        // Filtering by the other tenant gives nothing, and does not create its default group.
        var other = who == "memberB" ? world.Host.TenantA : world.Host.TenantB;
        var (s, b) = await ApiTestHost.SendAsync(world.Host.Client(who), "GET", $"/v2.0/security-groups?project_id={other}");
        Assert.Equal(200, s);
        Assert.Empty(b!["security_groups"]!.AsArray());
        (s, b) = await ApiTestHost.SendAsync(world.Host.Client(who), "GET", $"/v2.0/security-group-rules?project_id={other}");
        Assert.Equal(200, s);
        Assert.Empty(b!["security_group_rules"]!.AsArray());
    }
}
