using System.Text.Json.Nodes;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// What the reference Neutron (Zed, python3-neutron 21.0.0, headers auth, SQLite) answered to RBAC sharing of security
/// groups and address groups, recorded on 2026-12-07 (four runs, 110 requests) and kept here in our own form, in order:
/// projA → memberA, projB → memberB, a reader of projA → readerA, admin → cloudAdmin (whose token project is A here, where
/// the reference's admin had its own 'adminproj'); the reference's third project's rows are B's here. Ids are
/// placeholders filled from earlier answers. Rows whose answer is ours, not the reference's, say "Delta":
/// <list type="bullet">
/// <item>a project that receives a group may not add rules to it or tag it (403, Neutron 2025.1's policy; Zed: 201);</item>
/// <item>readers may not write policies (Zed let a reader share: 201);</item>
/// <item><c>target_tenant</c> must be <c>*</c> or an existing project (Zed stored any string, '' included: bug 2161653);</item>
/// <item>sharing an object the caller does not own, or one that does not exist, answers the reference's "Only admins can
/// manipulate policies on objects they do not own" without the name of the callback that raised it (the reference
/// leaked a Python error for a missing one), and RbacPolicyInUse likewise without the callback's name;</item>
/// <item>a policy body without <c>object_type</c> is a 400 (Zed: 500); an object type Neutron has but this server does not
/// store (network, …) is "not a valid RBAC object type".</item>
/// </list>
/// </summary>
public static class RbacObservations
{
    public const string ProjA = "projA";
    public const string ProjB = "projB";
    public const string ReaderA = "readerA";
    public const string Admin = "admin";

    private const string R = "/v2.0/rbac-policies";
    private const string Sgs = "/v2.0/security-groups";
    private const string Ags = "/v2.0/address-groups";
    private const string Zero = "00000000-0000-0000-0000-000000000000";

    /// <summary>The seven keys of a policy.</summary>
    private static readonly string[] PolicyKeys = ["action", "id", "object_id", "object_type", "project_id", "target_tenant", "tenant_id"];

    private static string Policy(string type, string objectId, string target, string action = "access_as_shared") =>
        new JsonObject
        {
            ["rbac_policy"] = new JsonObject { ["object_type"] = type, ["object_id"] = objectId, ["action"] = action, ["target_tenant"] = target },
        }.ToJsonString();

    private static string Body(string json) => "{\"rbac_policy\": {" + json + "}}";

    private static ReplayRow Err(int n, string @case, string who, string method, string path, string? body, int status, string type, string message) =>
        new(n, @case, who, method, path, body, status, type, message);

    private static ReplayRow Ok(int n, string @case, string who, string method, string path, string? body, int status) =>
        new(n, @case, who, method, path, body, status);

    private static Action<JsonNode?, Dictionary<string, string>> Keep(string name, string key) =>
        (body, vars) => vars[name] = (string)body![key]!["id"]!;

    /// <summary>A policy with exactly the seven keys and these values.</summary>
    private static Action<JsonNode?, Dictionary<string, string>, string> Shape(string project, string type, string objectId, string target) =>
        (body, vars, where) =>
        {
            var p = body!["rbac_policy"]!.AsObject();
            Assert.True(p.Select(k => k.Key).Order(StringComparer.Ordinal).SequenceEqual(PolicyKeys), $"{where}: keys {string.Join(",", p.Select(k => k.Key))}");
            Assert.True(ReferenceReplayTests.Sub(project, vars) == (string?)p["project_id"] && (string?)p["tenant_id"] == (string?)p["project_id"], $"{where}: project");
            Assert.True(type == (string?)p["object_type"], $"{where}: object_type");
            Assert.True(ReferenceReplayTests.Sub(objectId, vars) == (string?)p["object_id"], $"{where}: object_id");
            Assert.True(ReferenceReplayTests.Sub(target, vars) == (string?)p["target_tenant"], $"{where}: target_tenant");
            Assert.True("access_as_shared" == (string?)p["action"], $"{where}: action");
        };

    /// <summary>A list of policies: exactly these ids, in any order.</summary>
    private static Action<JsonNode?, Dictionary<string, string>, string> Policies(params string[] ids) =>
        (body, vars, where) =>
        {
            var actual = body!["rbac_policies"]!.AsArray().Select(p => (string)p!["id"]!).Order(StringComparer.Ordinal).ToList();
            var expected = ids.Select(i => ReferenceReplayTests.Sub(i, vars)).Order(StringComparer.Ordinal).ToList();
            Assert.True(actual.SequenceEqual(expected), $"{where}: policies {string.Join(",", actual)}, expected {string.Join(",", expected)}");
        };

    /// <summary>A group list: the names with their <c>shared</c>, exactly (any order).</summary>
    private static Action<JsonNode?, Dictionary<string, string>, string> Groups(params (string Name, bool Shared)[] groups) =>
        (body, _, where) =>
        {
            var actual = body!["security_groups"]!.AsArray().Select(g => ((string)g!["name"]!, g["shared"]!.GetValue<bool>())).Order().ToList();
            Assert.True(actual.SequenceEqual(groups.Order()), $"{where}: groups {string.Join(",", actual)}");
        };

    private const string NotOwner = "Invalid input for operation: Only admins can manipulate policies on objects they do not own.";

    private static string InUse(string objectId, string target) =>
        $"RBAC policy on object {objectId} cannot be removed because other objects depend on it.\nDetails: project_id={target}";

    public static IReadOnlyList<ReplayRow> Rows { get; } =
    [
        Ok(1, "A creates 'web'", ProjA, "POST", Sgs, """{"security_group": {"name": "web"}}""", 201) with { Capture = Keep("WEB", "security_group") },
        Ok(2, "B creates 'bsg'", ProjB, "POST", Sgs, """{"security_group": {"name": "bsg"}}""", 201) with { Capture = Keep("BSG", "security_group") },
        Ok(3, "A creates address group 'office'", ProjA, "POST", Ags, """{"address_group": {"name": "office", "addresses": ["10.1.0.0/16"]}}""", 201) with
        { Capture = Keep("AG", "address_group") },
        Ok(4, "list, none yet", ProjA, "GET", R, null, 200) with { Exact = true, Expect = """{"rbac_policies": []}""" },
        Ok(5, "share web with B", ProjA, "POST", R, Policy("security_group", "@WEB@", "@B@"), 201) with
        { Capture = Keep("P1", "rbac_policy"), Check = Shape("@A@", "security_group", "@WEB@", "@B@") },
        Err(6, "the same again", ProjA, "POST", R, Policy("security_group", "@WEB@", "@B@"), 409, "DuplicateRbacPolicy", "An RBAC policy already exists with those values."),
        Err(7, "with everyone, not an admin", ProjA, "POST", R, Policy("security_group", "@WEB@", "*"), 403, "PolicyNotAuthorized",
            "((((rule:create_rbac_policy and rule:create_rbac_policy:object_type) and rule:create_rbac_policy:object_id) and rule:create_rbac_policy:target_tenant) and rule:create_rbac_policy:action) is disallowed by policy"),
        // Delta: Zed let a project reader share (201).
        Err(8, "a reader shares", ReaderA, "POST", R, Policy("security_group", "@WEB@", "@B@"), 403, "PolicyNotAuthorized", "rule:create_rbac_policy is disallowed by policy"),
        Err(9, "action access_as_external", ProjA, "POST", R, Policy("security_group", "@WEB@", "@B@", "access_as_external"), 400, "InvalidActionForType",
            "Invalid action 'access_as_external' for object type 'security_group'. Valid actions: ('access_as_shared',)"),
        Err(10, "object type foo", ProjA, "POST", R, Policy("foo", "@WEB@", "@B@"), 400, "InvalidInput", "Invalid input for operation: 'foo' is not a valid RBAC object type."),
        // Delta: the reference names the callback that raised it.
        Err(11, "another project's group", ProjA, "POST", R, Policy("security_group", "@BSG@", "@B@"), 400, "InvalidInput", NotOwner),
        // Delta: the reference leaks a Python error ("'NoneType' object is not subscriptable").
        Err(12, "a group that does not exist", ProjA, "POST", R, Policy("security_group", Zero, "@B@"), 400, "InvalidInput", NotOwner),
        Err(13, "no target_tenant", ProjA, "POST", R, Body("\"object_type\": \"security_group\", \"object_id\": \"@WEB@\", \"action\": \"access_as_shared\""), 400,
            "HTTPBadRequest", "Failed to parse request. Required attribute 'target_tenant' not specified"),
        Err(14, "no object_id", ProjA, "POST", R, Body("\"object_type\": \"security_group\", \"action\": \"access_as_shared\", \"target_tenant\": \"@B@\""), 400,
            "HTTPBadRequest", "Failed to parse request. Required attribute 'object_id' not specified"),
        // Delta: Zed answers 500.
        Err(15, "no object_type", ProjA, "POST", R, Body("\"object_id\": \"@WEB@\", \"action\": \"access_as_shared\", \"target_tenant\": \"@B@\""), 400,
            "HTTPBadRequest", "Failed to parse request. Required attribute 'object_type' not specified"),
        Err(16, "no action", ProjA, "POST", R, Body("\"object_type\": \"security_group\", \"object_id\": \"@WEB@\", \"target_tenant\": \"@B@\""), 400,
            "HTTPBadRequest", "Failed to parse request. Required attribute 'action' not specified"),
        Err(17, "unknown attribute", ProjA, "POST", R, Body("\"object_type\": \"security_group\", \"object_id\": \"@WEB@\", \"action\": \"access_as_shared\", \"target_tenant\": \"@B@\", \"foo\": 1"), 400,
            "HTTPBadRequest", "Unrecognized attribute(s) 'foo'"),
        Err(18, "target_tenant a number", ProjA, "POST", R, Body("\"object_type\": \"security_group\", \"object_id\": \"@WEB@\", \"action\": \"access_as_shared\", \"target_tenant\": 5"), 400,
            "HTTPBadRequest", "Invalid input for target_tenant. Reason: '5' is not a valid string."),
        Err(19, "target_tenant 256 characters", ProjA, "POST", R, Policy("security_group", "@WEB@", new string('x', 256)), 400,
            "HTTPBadRequest", $"Invalid input for target_tenant. Reason: '{new string('x', 256)}' exceeds maximum length of 255."),
        Err(20, "project_id of another project", ProjA, "POST", R,
            Body("\"object_type\": \"security_group\", \"object_id\": \"@WEB@\", \"action\": \"access_as_shared\", \"target_tenant\": \"@B@\", \"project_id\": \"@B@\""), 400,
            "HTTPBadRequest", "Specifying 'project_id' or 'tenant_id' other than the authenticated project in request requires admin or advsvc privileges"),
        // Delta: Zed stored '' (and any name or typo), which shares with nobody.
        Err(21, "target_tenant ''", ProjA, "POST", R, Policy("security_group", "@WEB@", ""), 400,
            "HTTPBadRequest", "Invalid input for target_tenant. Reason: '' is not '*' or the id of a project."),
        Ok(22, "list as the owner", ProjA, "GET", R, null, 200) with { Check = Policies("@P1@") },
        Ok(23, "show as the owner", ProjA, "GET", R + "/@P1@", null, 200) with { Check = Shape("@A@", "security_group", "@WEB@", "@B@") },
        Ok(24, "list as the target (it sees none)", ProjB, "GET", R, null, 200) with { Exact = true, Expect = """{"rbac_policies": []}""" },
        Err(25, "show as the target (typed)", ProjB, "GET", R + "/@P1@", null, 404, "RbacPolicyNotFound", "RBAC policy of type security_group with ID @P1@ not found"),
        Ok(26, "B's groups: its own and web, shared", ProjB, "GET", Sgs + "?fields=name&fields=shared", null, 200) with
        { Check = Groups(("bsg", false), ("default", false), ("web", true)) },
        Ok(27, "B's groups, shared=True", ProjB, "GET", Sgs + "?shared=True&fields=name&fields=shared", null, 200) with { Check = Groups(("web", true)) },
        Ok(28, "B's groups, shared=False", ProjB, "GET", Sgs + "?shared=False&fields=name&fields=shared", null, 200) with
        { Check = Groups(("bsg", false), ("default", false)) },
        Ok(29, "A's groups, shared=true", ProjA, "GET", Sgs + "?shared=true", null, 200) with { Exact = true, Expect = """{"security_groups": []}""" },
        Err(30, "shared=maybe", ProjB, "GET", Sgs + "?shared=maybe", null, 400, "InvalidInput", "Invalid input for operation: 'maybe' cannot be converted to boolean."),
        Ok(31, "show web as the owner: not shared", ProjA, "GET", Sgs + "/@WEB@?fields=shared", null, 200) with
        { Exact = true, Expect = """{"security_group": {"shared": false}}""" },
        Ok(32, "show web as B: shared, with the owner's rules", ProjB, "GET", Sgs + "/@WEB@", null, 200) with
        {
            Check = (body, vars, where) =>
            {
                var g = body!["security_group"]!;
                Assert.True(g["shared"]!.GetValue<bool>(), $"{where}: shared");
                Assert.True(ReferenceReplayTests.Sub("@A@", vars) == (string?)g["tenant_id"], $"{where}: tenant");
                var rules = g["security_group_rules"]!.AsArray();
                Assert.True(rules.Count == 2 && rules.All(r => (string?)r!["direction"] == "egress" && (string?)r["tenant_id"] == ReferenceReplayTests.Sub("@A@", vars)), $"{where}: rules");
            },
        },
        Ok(33, "web's rules are not in B's rule list", ProjB, "GET", "/v2.0/security-group-rules?security_group_id=@WEB@", null, 200) with
        { Exact = true, Expect = """{"security_group_rules": []}""" },
        Err(34, "B renames web", ProjB, "PUT", Sgs + "/@WEB@", """{"security_group": {"name": "hack"}}""", 403, "PolicyNotAuthorized", "rule:update_security_group is disallowed by policy"),
        // Delta: Zed let the receiving project add a rule (201); Neutron 2025.1 does not (bug 2101150).
        Err(35, "B adds a rule to web", ProjB, "POST", "/v2.0/security-group-rules",
            """{"security_group_rule": {"security_group_id": "@WEB@", "direction": "ingress", "protocol": "tcp", "port_range_min": 22, "port_range_max": 22}}""", 403,
            "PolicyNotAuthorized", "rule:create_security_group_rule is disallowed by policy"),
        Err(36, "B deletes web", ProjB, "DELETE", Sgs + "/@WEB@", null, 403, "PolicyNotAuthorized", "rule:delete_security_group is disallowed by policy"),
        // Delta: Zed let the receiving project tag it (201).
        Err(37, "B tags web", ProjB, "PUT", Sgs + "/@WEB@/tags/t1", null, 403, "PolicyNotAuthorized", "rule:update_security_groups_tags is disallowed by policy"),
        Ok(38, "A tags web", ProjA, "PUT", Sgs + "/@WEB@/tags/x", null, 201),
        Ok(39, "B reads web's tags", ProjB, "GET", Sgs + "/@WEB@/tags", null, 200) with { Exact = true, Expect = """{"tags": ["x"]}""" },
        Ok(40, "B uses web as a remote group", ProjB, "POST", "/v2.0/security-group-rules",
            """{"security_group_rule": {"security_group_id": "@BSG@", "direction": "ingress", "remote_group_id": "@WEB@"}}""", 201) with
        { Capture = Keep("BREM", "security_group_rule") },
        Err(41, "B changes the policy", ProjB, "PUT", R + "/@P1@", Body("\"target_tenant\": \"@A@\""), 404, "RbacPolicyNotFound", "RBAC policy of type security_group with ID @P1@ not found"),
        Err(42, "object_id is read-only", ProjA, "PUT", R + "/@P1@", Body("\"object_id\": \"@BSG@\""), 400, "HTTPBadRequest", "Cannot update read-only attribute object_id"),
        Err(43, "unknown attribute in an update", ProjA, "PUT", R + "/@P1@", Body("\"foo\": 1"), 400, "HTTPBadRequest", "Unrecognized attribute(s) 'foo'"),
        Err(44, "update to everyone, not an admin", ProjA, "PUT", R + "/@P1@", Body("\"target_tenant\": \"*\""), 403, "PolicyNotAuthorized",
            "(rule:update_rbac_policy and rule:update_rbac_policy:target_tenant) is disallowed by policy"),
        Ok(45, "update to the same target", ProjA, "PUT", R + "/@P1@", Body("\"target_tenant\": \"@B@\""), 200) with { Check = Shape("@A@", "security_group", "@WEB@", "@B@") },
        Err(46, "B deletes the policy (untyped)", ProjB, "DELETE", R + "/@P1@", null, 404, "RbacPolicyNotFound", "RBAC policy of type unknown with ID @P1@ not found"),
        Err(47, "show unknown", ProjA, "GET", R + "/" + Zero, null, 404, "RbacPolicyNotFound", $"RBAC policy of type unknown with ID {Zero} not found"),
        Err(48, "update unknown", ProjA, "PUT", R + "/" + Zero, Body("\"target_tenant\": \"@B@\""), 404, "RbacPolicyNotFound", $"RBAC policy of type unknown with ID {Zero} not found"),
        Err(49, "delete unknown", ProjA, "DELETE", R + "/" + Zero, null, 404, "RbacPolicyNotFound", $"RBAC policy of type unknown with ID {Zero} not found"),
        Ok(50, "B puts web on a port", ProjB, "POST", "/v2.0/ports", """{"port": {"network_id": "net-1", "security_groups": ["@WEB@"]}}""", 201) with
        { Capture = Keep("BPORT", "port") },
        // Delta (message): the reference wraps it in the callback's name.
        Err(51, "A takes the share away while B's port uses web", ProjA, "DELETE", R + "/@P1@", null, 409, "RbacPolicyInUse", InUse("@WEB@", "@B@")),
        Err(52, "A moves it away while in use", ProjA, "PUT", R + "/@P1@", Body("\"target_tenant\": \"@A@\""), 409, "RbacPolicyInUse", InUse("@WEB@", "@B@")),
        Ok(53, "an admin shares web with everyone", Admin, "POST", R, Policy("security_group", "@WEB@", "*"), 201) with
        { Capture = Keep("PSTAR", "rbac_policy"), Check = Shape("@A@", "security_group", "@WEB@", "*") },
        Ok(54, "B's web: shared", ProjB, "GET", Sgs + "/@WEB@?fields=shared&fields=id", null, 200) with { Expect = """{"security_group": {"shared": true, "id": "@WEB@"}}""" },
        Ok(55, "now A may take B's share away (everyone keeps it)", ProjA, "DELETE", R + "/@P1@", null, 204),
        Err(56, "everyone's share, while B's port uses web", Admin, "DELETE", R + "/@PSTAR@", null, 409, "RbacPolicyInUse", InUse("@WEB@", "*")),
        Ok(57, "B's port goes", ProjB, "DELETE", "/v2.0/ports/@BPORT@", null, 204),
        Ok(58, "everyone's share goes", Admin, "DELETE", R + "/@PSTAR@", null, 204),
        Ok(59, "share the address group with B", ProjA, "POST", R, Policy("address_group", "@AG@", "@B@"), 201) with
        { Capture = Keep("PAG", "rbac_policy"), Check = Shape("@A@", "address_group", "@AG@", "@B@") },
        Ok(60, "B lists address groups: office", ProjB, "GET", Ags + "?fields=name", null, 200) with
        { Exact = true, Expect = """{"address_groups": [{"name": "office", "tenant_id": "@A@"}]}""" },
        Ok(61, "B shows office", ProjB, "GET", Ags + "/@AG@", null, 200) with { Expect = """{"address_group": {"name": "office", "addresses": ["10.1.0.0/16"], "tenant_id": "@A@"}}""" },
        Err(62, "address groups have no shared filter", ProjB, "GET", Ags + "?shared=True", null, 400, "HTTPBadRequest", "['shared'] is invalid attribute for filtering"),
        Err(63, "B renames office", ProjB, "PUT", Ags + "/@AG@", """{"address_group": {"name": "hack"}}""", 404, "HTTPNotFound", "The resource could not be found."),
        Err(64, "B adds an address", ProjB, "PUT", Ags + "/@AG@/add_addresses", """{"addresses": ["10.9.0.0/16"]}""", 403, "PolicyNotAuthorized", "rule:add_addresses is disallowed by policy"),
        Err(65, "B deletes office", ProjB, "DELETE", Ags + "/@AG@", null, 403, "PolicyNotAuthorized", "rule:delete_address_group is disallowed by policy"),
        Ok(66, "B uses office in a rule", ProjB, "POST", "/v2.0/security-group-rules",
            """{"security_group_rule": {"security_group_id": "@BSG@", "direction": "ingress", "remote_address_group_id": "@AG@"}}""", 201),
        Err(67, "A takes office's share away while B's rule uses it", ProjA, "DELETE", R + "/@PAG@", null, 409, "RbacPolicyInUse", InUse("@AG@", "@B@")),
        Err(68, "B shares A's address group", ProjB, "POST", R, Policy("address_group", "@AG@", "@A@"), 400, "InvalidInput", NotOwner),
        Err(69, "address group, access_as_external", ProjA, "POST", R, Policy("address_group", "@AG@", "@B@", "access_as_external"), 400, "InvalidActionForType",
            "Invalid action 'access_as_external' for object type 'address_group'. Valid actions: ('access_as_shared',)"),
        Ok(70, "filter by type and target", ProjA, "GET", R + "?object_type=address_group&target_tenant=@B@", null, 200) with { Check = Policies("@PAG@") },
        Ok(71, "filter by object, fields=target_tenant", ProjA, "GET", R + "?object_id=@AG@&fields=target_tenant", null, 200) with
        { Exact = true, Expect = """{"rbac_policies": [{"target_tenant": "@B@"}]}""" },
        Ok(72, "an admin lists every policy", Admin, "GET", R + "?object_type=address_group", null, 200) with { Check = Policies("@PAG@") },
        Ok(73, "share web with B again", ProjA, "POST", R, Policy("security_group", "@WEB@", "@B@"), 201) with { Capture = Keep("P2", "rbac_policy") },
        Ok(74, "deleting web (B's remote rule goes with it)", ProjA, "DELETE", Sgs + "/@WEB@", null, 204),
        Ok(75, "web's policies went with it", Admin, "GET", R + "?object_type=security_group", null, 200) with { Exact = true, Expect = """{"rbac_policies": []}""" },
    ];
}
