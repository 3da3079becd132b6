using System.Text.Json.Nodes;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>One request of the reference replay and what the reference Neutron answered (adapted to our ids).</summary>
public sealed record ReplayRow(int N, string Case, string Who, string Method, string Path, string? Body, int Status, string? Type = null, string? Message = null)
{
    /// <summary>JSON the body must contain (subset match; <see cref="Exact"/> for the whole body). "@NAME@" is replaced by a captured value.</summary>
    public string? Expect { get; init; }
    public Func<IReadOnlyDictionary<string, string>, string>? ExpectFn { get; init; }
    public bool Exact { get; init; }
    public Action<JsonNode?, Dictionary<string, string>>? Capture { get; init; }
    public Action<JsonNode?, Dictionary<string, string>, string>? Check { get; init; }
    public Action<Dictionary<string, string>>? Before { get; init; }
    /// <summary>Requests sent (as <see cref="Who"/>) before the row, with the status each must get.</summary>
    public (string Method, string Path, string? Body, int Status)[] Setup { get; init; } = [];
}

/// <summary>
/// The 98 rows of the reference-observations table (Neutron Zed, python3-neutron 21.0.0), in order, in our own form.
/// Ids of the reference are replaced by placeholders filled from earlier responses: @A@/@B@ tenants, @DEF@ A's default
/// group, @WEB@ the 'web' group, @Rnn@ the rule created by row nn. projA → memberA, projB → memberB, admin → cloudAdmin.
/// Deliberate deltas: row 1 answers our NeutronError 401, row 32 accepts protocol "any" as null,
/// row 83 answers 405. Row 79: the reference's admin acts in its own 'adminproj'; our cloudAdmin's token is issued
/// in tenant A (the test host has no admin project), so the rule's tenant_id is A.
/// </summary>
public static class ReferenceObservations
{
    public const string ProjA = "projA";
    public const string ProjB = "projB";
    public const string Admin = "admin";
    public const string NoToken = "none";

    private const string Sgs = "/v2.0/security-groups";
    private const string Rules = "/v2.0/security-group-rules";

    private const string ProtocolValues =
        "[None, 'ah', 'dccp', 'egp', 'esp', 'gre', 'hopopt', 'icmp', 'igmp', 'ip', 'ipip', 'ipv6-encap', 'ipv6-frag', 'ipv6-icmp', 'icmpv6', 'ipv6-nonxt', 'ipv6-opts', 'ipv6-route', 'ospf', 'pgm', 'rsvp', 'sctp', 'tcp', 'udp', 'udplite', 'vrrp']";

    private static string InvalidProtocol(string p) =>
        $"Security group rule protocol {p} not supported. Only protocol values {ProtocolValues} and integer representations [0 to 255] are supported.";

    private static readonly string N256 = new('n', 256);
    private static readonly string X256 = new('x', 256);

    /// <summary>A rule body into the 'web' group: <c>{"security_group_rule": {"security_group_id": WEB, …}}</c>.</summary>
    private static string WebRule(string rest) => "{\"security_group_rule\": {\"security_group_id\": \"@WEB@\", " + rest + "}}";

    private static JsonObject RuleView(string dir, string eth, string? proto, int? min = null, int? max = null, string? prefix = null, string? cidr = null,
        string? remote = null, string? description = "", string tenant = "@A@", string sg = "@WEB@") => new()
        {
            ["tenant_id"] = tenant,
            ["project_id"] = tenant,
            ["security_group_id"] = sg,
            ["ethertype"] = eth,
            ["direction"] = dir,
            ["protocol"] = proto,
            ["port_range_min"] = min,
            ["port_range_max"] = max,
            ["remote_ip_prefix"] = prefix,
            ["remote_address_group_id"] = null,
            ["normalized_cidr"] = cidr,
            ["remote_group_id"] = remote,
            ["description"] = description,
            ["revision_number"] = 0,
        };

    private static string Rule(JsonObject view, string? id = null)
    {
        if (id is not null)
        {
            view["id"] = id;
        }
        return new JsonObject { ["security_group_rule"] = view }.ToJsonString();
    }

    private static JsonObject[] CustomTemplate(string sg) =>
    [
        RuleView("egress", "IPv4", null, description: null, sg: sg),
        RuleView("egress", "IPv6", null, description: null, sg: sg),
    ];

    private static JsonObject GroupView(string id, string name, string description, bool stateful, JsonObject[] rules) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["stateful"] = stateful,
        ["tenant_id"] = "@A@",
        ["project_id"] = "@A@",
        ["description"] = description,
        ["shared"] = false,
        ["security_group_rules"] = new JsonArray([.. rules]),
    };

    private static string Group(string id, string name, string description, bool stateful = true) =>
        new JsonObject { ["security_group"] = GroupView(id, name, description, stateful, CustomTemplate(id)) }.ToJsonString();

    private static Action<JsonNode?, Dictionary<string, string>> Keep(string name, string key = "security_group_rule") =>
        (body, vars) => vars[name] = (string)body![key]!["id"]!;

    private static ReplayRow Err(int n, string @case, string who, string method, string path, string? body, int status, string type, string message) =>
        new(n, @case, who, method, path, body, status, type, message);

    private static ReplayRow Ok(int n, string @case, string who, string method, string path, string? body, int status) =>
        new(n, @case, who, method, path, body, status);

    public static IReadOnlyList<ReplayRow> Rows { get; } =
    [
        // Delta: the reference's auth middleware answered Keystone's HTML-ish 401; we answer a NeutronError.
        Err(1, "no token", NoToken, "GET", Sgs, null, 401, "HTTPUnauthorized", "The request you have made requires authentication."),
        Ok(2, "list SGs, fresh project A (auto-creates 'default')", ProjA, "GET", Sgs, null, 200) with
        {
            Capture = (b, v) => v["DEF"] = (string)b!["security_groups"]![0]!["id"]!,
            Expect = new JsonObject
            {
                ["security_groups"] = new JsonArray(GroupView("@DEF@", "default", "Default security group", true,
                [
                    RuleView("ingress", "IPv4", null, remote: "@DEF@", description: null, sg: "@DEF@"),
                    RuleView("egress", "IPv4", null, description: null, sg: "@DEF@"),
                    RuleView("ingress", "IPv6", null, remote: "@DEF@", description: null, sg: "@DEF@"),
                    RuleView("egress", "IPv6", null, description: null, sg: "@DEF@"),
                ])),
            }.ToJsonString(),
        },
        Ok(3, "create SG 'web'", ProjA, "POST", Sgs, """{"security_group": {"name": "web", "description": "d"}}""", 201) with
        { Capture = Keep("WEB", "security_group"), Expect = Group("@WEB@", "web", "d") },
        Err(4, "create SG named 'default'", ProjA, "POST", Sgs, """{"security_group": {"name": "default"}}""", 409,
            "SecurityGroupDefaultAlreadyExists", "Default security group already exists."),
        Ok(5, "create SG, empty body object", ProjA, "POST", Sgs, """{"security_group": {}}""", 201) with
        { Capture = Keep("E5", "security_group"), Expect = Group("@E5@", "", "") },
        Err(6, "create SG, missing resource key", ProjA, "POST", Sgs, """{"name": "x"}""", 400,
            "HTTPBadRequest", "Unable to find 'security_group' in request body"),
        Err(7, "create SG, malformed JSON", ProjA, "POST", Sgs, """{"security_group": """, 400,
            "MalformedRequestBody", "Malformed request body: Cannot understand JSON."),
        Err(8, "create SG, unknown attribute", ProjA, "POST", Sgs, """{"security_group": {"name": "x", "foo": 1}}""", 400,
            "HTTPBadRequest", "Unrecognized attribute(s) 'foo'"),
        Err(9, "create SG, name not a string", ProjA, "POST", Sgs, """{"security_group": {"name": 5}}""", 400,
            "HTTPBadRequest", "Invalid input for name. Reason: '5' is not a valid string."),
        Err(10, "create SG, name 256 chars", ProjA, "POST", Sgs, "{\"security_group\": {\"name\": \"" + N256 + "\"}}", 400,
            "HTTPBadRequest", $"Invalid input for name. Reason: '{N256}' exceeds maximum length of 255."),
        Err(11, "create SG, project_id of another project (non-admin)", ProjA, "POST", Sgs, """{"security_group": {"name": "x", "project_id": "@B@"}}""", 400,
            "HTTPBadRequest", "Specifying 'project_id' or 'tenant_id' other than the authenticated project in request requires admin or advsvc privileges"),
        Ok(12, "create SG, stateful=false", ProjA, "POST", Sgs, """{"security_group": {"name": "sl", "stateful": false}}""", 201) with
        { Capture = Keep("SL", "security_group"), Expect = Group("@SL@", "sl", "", stateful: false) },
        Ok(13, "get SG", ProjA, "GET", Sgs + "/@WEB@", null, 200) with { Expect = Group("@WEB@", "web", "d") },
        Err(14, "get SG, unknown uuid", ProjA, "GET", Sgs + "/00000000-0000-0000-0000-000000000000", null, 404,
            "SecurityGroupNotFound", "Security group 00000000-0000-0000-0000-000000000000 does not exist"),
        Err(15, "get SG, not a uuid", ProjA, "GET", Sgs + "/not-a-uuid", null, 404, "SecurityGroupNotFound", "Security group not-a-uuid does not exist"),
        Err(16, "get SG of project A as project B", ProjB, "GET", Sgs + "/@WEB@", null, 404, "SecurityGroupNotFound", "Security group @WEB@ does not exist"),
        Ok(17, "update SG name/description", ProjA, "PUT", Sgs + "/@WEB@", """{"security_group": {"name": "web2", "description": "d2"}}""", 200) with
        { Expect = Group("@WEB@", "web2", "d2") },
        Err(18, "update SG name to 'default'", ProjA, "PUT", Sgs + "/@WEB@", """{"security_group": {"name": "default"}}""", 409,
            "SecurityGroupDefaultAlreadyExists", "Default security group already exists."),
        Err(19, "update SG, read-only attr id", ProjA, "PUT", Sgs + "/@WEB@", """{"security_group": {"id": "@WEB@"}}""", 400,
            "HTTPBadRequest", "Cannot update read-only attribute id"),
        Ok(20, "list SGs ?name=web2&fields=id&fields=name", ProjA, "GET", Sgs + "?name=web2&fields=id&fields=name", null, 200) with
        { Exact = true, Expect = """{"security_groups": [{"id": "@WEB@", "name": "web2"}]}""" },
        Ok(21, "list SGs ?limit=1", ProjA, "GET", Sgs + "?limit=1&fields=id", null, 200) with
        {
            Exact = true,
            ExpectFn = v =>
            {
                var first = new[] { v["DEF"], v["WEB"], v["E5"], v["SL"] }.Min(StringComparer.Ordinal)!;
                var href = "http://localhost/v2.0/security-groups?limit=1&fields=id&marker=" + first;
                return $$"""{"security_groups": [{"id": "{{first}}"}], "security_groups_links": [{"rel": "next", "href": "{{href}}"}, {"rel": "previous", "href": "{{href}}&page_reverse=True"}]}""";
            },
        },
        Err(22, "list SGs ?bogus_filter=1", ProjA, "GET", Sgs + "?bogus_filter=1", null, 400, "HTTPBadRequest", "['bogus_filter'] is invalid attribute for filtering"),
        Ok(23, "list SGs ?sort_key=name&sort_dir=desc&fields=name", ProjA, "GET", Sgs + "?sort_key=name&sort_dir=desc&fields=name", null, 200) with
        { Exact = true, Expect = """{"security_groups": [{"name": "web2"}, {"name": "sl"}, {"name": "default"}, {"name": ""}]}""" },
        Err(24, "list SGs ?sort_key=bogus", ProjA, "GET", Sgs + "?sort_key=bogus", null, 400, "HTTPBadRequest", "The number of sort_keys and sort_dirs must be same"),

        Ok(25, "rule: tcp 22 IPv4 0.0.0.0/0", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"tcp\", \"port_range_min\": 22, \"port_range_max\": 22, \"remote_ip_prefix\": \"0.0.0.0/0\""), 201) with
        { Capture = Keep("R25"), Expect = Rule(RuleView("ingress", "IPv4", "tcp", 22, 22, "0.0.0.0/0", "0.0.0.0/0")) },
        Err(26, "rule: duplicate of previous", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"tcp\", \"port_range_min\": 22, \"port_range_max\": 22, \"remote_ip_prefix\": \"0.0.0.0/0\""), 409,
            "SecurityGroupRuleExists", "Security group rule already exists. Rule id is @R25@."),
        Err(27, "rule: same but protocol '6'", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"6\", \"port_range_min\": 22, \"port_range_max\": 22, \"remote_ip_prefix\": \"0.0.0.0/0\""), 409,
            "SecurityGroupRuleExists", "Security group rule already exists. Rule id is @R25@."),
        Ok(28, "rule: protocol 'TCP' upper case", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"TCP\", \"port_range_min\": 23, \"port_range_max\": 23"), 201) with
        { Capture = Keep("R28"), Expect = Rule(RuleView("ingress", "IPv4", "tcp", 23, 23)) },
        Err(29, "rule: bad protocol 'foo'", ProjA, "POST", Rules, WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"foo\""), 400,
            "SecurityGroupRuleInvalidProtocol", InvalidProtocol("foo")),
        Err(30, "rule: protocol number 256", ProjA, "POST", Rules, WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"256\""), 400,
            "SecurityGroupRuleInvalidProtocol", InvalidProtocol("256")),
        Ok(31, "rule: protocol number 132 (sctp) with ports", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"132\", \"port_range_min\": 5000, \"port_range_max\": 5001"), 201) with
        { Expect = Rule(RuleView("ingress", "IPv4", "132", 5000, 5001)) },
        // Delta 1: protocol "any" is accepted and stored as null (Zed answers 400 SecurityGroupRuleInvalidProtocol).
        Ok(32, "rule: protocol 'any'", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"any\", \"remote_ip_prefix\": \"10.9.9.0/24\""), 201) with
        { Expect = Rule(RuleView("ingress", "IPv4", null, prefix: "10.9.9.0/24", cidr: "10.9.9.0/24")) },
        Ok(33, "rule: protocol '0'", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"0\", \"remote_ip_prefix\": \"10.9.8.0/24\""), 201) with
        { Expect = Rule(RuleView("ingress", "IPv4", "0", prefix: "10.9.8.0/24", cidr: "10.9.8.0/24")) },
        Err(34, "rule: port_range_min > port_range_max", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"tcp\", \"port_range_min\": 100, \"port_range_max\": 90"), 400,
            "SecurityGroupInvalidPortRange", "For TCP/UDP protocols, port_range_min must be <= port_range_max"),
        Err(35, "rule: ports without protocol", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"port_range_min\": 80, \"port_range_max\": 80"), 400,
            "SecurityGroupProtocolRequiredWithPorts", "Must also specify protocol if port range is given."),
        Err(36, "rule: port 0", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"tcp\", \"port_range_min\": 0, \"port_range_max\": 0"), 400,
            "SecurityGroupInvalidPortValue", "Invalid value for port 0"),
        Err(37, "rule: port 65536", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"tcp\", \"port_range_min\": 1, \"port_range_max\": 65536"), 400,
            "SecurityGroupInvalidPortValue", "Invalid value for port 65536"),
        Ok(38, "rule: port as string '80'", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"tcp\", \"port_range_min\": \"80\", \"port_range_max\": \"80\""), 201) with
        { Capture = Keep("R38"), Expect = Rule(RuleView("ingress", "IPv4", "tcp", 80, 80)) },
        Err(39, "rule: port 'abc'", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"tcp\", \"port_range_min\": \"abc\""), 400,
            "SecurityGroupInvalidPortValue", "Invalid value for port abc"),
        Err(40, "rule: only port_range_min (tcp)", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"tcp\", \"port_range_min\": 8080"), 400,
            "SecurityGroupInvalidPortRange", "For TCP/UDP protocols, port_range_min must be <= port_range_max"),
        Err(41, "rule: only port_range_max (tcp)", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"tcp\", \"port_range_max\": 8081"), 400,
            "SecurityGroupInvalidPortRange", "For TCP/UDP protocols, port_range_min must be <= port_range_max"),
        Err(42, "rule: icmp code without type", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"icmp\", \"port_range_max\": 0"), 400,
            "SecurityGroupMissingIcmpType", "ICMP code (port-range-max) 0 is provided but ICMP type (port-range-min) is missing."),
        Ok(43, "rule: icmp type 8 code 0", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"icmp\", \"port_range_min\": 8, \"port_range_max\": 0"), 201) with
        { Capture = Keep("R43"), Expect = Rule(RuleView("ingress", "IPv4", "icmp", 8, 0)) },
        Err(44, "rule: icmp type 256", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"icmp\", \"port_range_min\": 256"), 400,
            "SecurityGroupInvalidIcmpValue", "Invalid value for ICMP type (port_range_min) 256. It must be 0 to 255."),
        Err(45, "rule: icmp type 3 code 256", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"icmp\", \"port_range_min\": 3, \"port_range_max\": 256"), 400,
            "SecurityGroupInvalidIcmpValue", "Invalid value for ICMP code (port_range_max) 256. It must be 0 to 255."),
        Ok(46, "rule: icmp with IPv6 ethertype", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv6\", \"protocol\": \"icmp\""), 201) with
        { Capture = Keep("R46"), Expect = Rule(RuleView("ingress", "IPv6", "ipv6-icmp")) },
        Err(47, "rule: ipv6-icmp with IPv6 (dup of previous)", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv6\", \"protocol\": \"ipv6-icmp\""), 409,
            "SecurityGroupRuleExists", "Security group rule already exists. Rule id is @R46@."),
        Err(48, "rule: icmpv6 with IPv4", ProjA, "POST", Rules, WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"icmpv6\""), 400,
            "SecurityGroupEthertypeConflictWithProtocol", "Invalid ethertype IPv4 for protocol icmpv6."),
        Err(49, "rule: IPv4 ethertype with IPv6 prefix", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"udp\", \"remote_ip_prefix\": \"2001:db8::/32\""), 400,
            "SecurityGroupRuleParameterConflict", "Conflicting value ethertype IPv4 for CIDR 2001:db8::/32"),
        Err(50, "rule: IPv6 ethertype with IPv4 prefix", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv6\", \"protocol\": \"udp\", \"remote_ip_prefix\": \"10.0.0.0/8\""), 400,
            "SecurityGroupRuleParameterConflict", "Conflicting value ethertype IPv6 for CIDR 10.0.0.0/8"),
        Ok(51, "rule: non-canonical prefix 10.1.2.3/8", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"udp\", \"remote_ip_prefix\": \"10.1.2.3/8\""), 201) with
        { Expect = Rule(RuleView("ingress", "IPv4", "udp", prefix: "10.1.2.3/8", cidr: "10.0.0.0/8")) },
        Ok(52, "rule: 10.0.0.0/8 after 10.1.2.3/8 (not a duplicate)", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"udp\", \"remote_ip_prefix\": \"10.0.0.0/8\""), 201) with
        { Expect = Rule(RuleView("ingress", "IPv4", "udp", prefix: "10.0.0.0/8", cidr: "10.0.0.0/8")) },
        Ok(53, "rule: bare IP 192.168.1.1", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"udp\", \"remote_ip_prefix\": \"192.168.1.1\""), 201) with
        { Expect = Rule(RuleView("ingress", "IPv4", "udp", prefix: "192.168.1.1/32", cidr: "192.168.1.1/32")) },
        Err(54, "rule: invalid prefix 300.1.1.1/8", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"udp\", \"remote_ip_prefix\": \"300.1.1.1/8\""), 400,
            "InvalidCIDR", "Invalid CIDR 300.1.1.1/8 given as IP prefix."),
        Err(55, "rule: prefix /33", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"udp\", \"remote_ip_prefix\": \"10.0.0.0/33\""), 400,
            "InvalidCIDR", "Invalid CIDR 10.0.0.0/33 given as IP prefix."),
        Ok(56, "rule: IPv6 prefix non-canonical 2001:DB8::1/32", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv6\", \"protocol\": \"udp\", \"remote_ip_prefix\": \"2001:DB8::1/32\""), 201) with
        { Expect = Rule(RuleView("ingress", "IPv6", "udp", prefix: "2001:db8::1/32", cidr: "2001:db8::/32")) },
        Err(57, "rule: remote_ip_prefix + remote_group_id", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"remote_ip_prefix\": \"10.0.0.0/8\", \"remote_group_id\": \"@WEB@\""), 400,
            "SecurityGroupMultipleRemoteEntites", "Only one of remote_ip_prefix or remote_group_id or remote_address_group_id may be provided."),
        Err(58, "rule: remote_group_id unknown", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"remote_group_id\": \"00000000-0000-0000-0000-000000000000\""), 404,
            "SecurityGroupNotFound", "Security group 00000000-0000-0000-0000-000000000000 does not exist"),
        Ok(59, "rule: remote_group_id = own SG", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"tcp\", \"port_range_min\": 3306, \"port_range_max\": 3306, \"remote_group_id\": \"@WEB@\""), 201) with
        { Capture = Keep("R59"), Expect = Rule(RuleView("ingress", "IPv4", "tcp", 3306, 3306, remote: "@WEB@")) },
        Err(60, "rule: bad direction", ProjA, "POST", Rules, WebRule("\"direction\": \"sideways\", \"ethertype\": \"IPv4\""), 400,
            "HTTPBadRequest", "Invalid input for direction. Reason: sideways is not in valid_values."),
        Err(61, "rule: missing direction", ProjA, "POST", Rules, """{"security_group_rule": {"security_group_id": "@WEB@"}}""", 400,
            "HTTPBadRequest", "Failed to parse request. Required attribute 'direction' not specified"),
        Err(62, "rule: bad ethertype 'IPv5'", ProjA, "POST", Rules, WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv5\""), 400,
            "SecurityGroupRuleInvalidEtherType", "Security group rule for ethertype 'IPv5' not supported. Allowed values are ['IPv4', 'IPv6']."),
        Ok(63, "rule: ethertype lower-case 'ipv4'", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"ipv4\", \"protocol\": \"tcp\", \"port_range_min\": 443, \"port_range_max\": 443"), 201) with
        { Capture = Keep("R63"), Expect = Rule(RuleView("ingress", "IPv4", "tcp", 443, 443)) },
        Err(64, "rule: missing security_group_id", ProjA, "POST", Rules, """{"security_group_rule": {"direction": "ingress"}}""", 400,
            "HTTPBadRequest", "Failed to parse request. Required attribute 'security_group_id' not specified"),
        Err(65, "rule: unknown security_group_id", ProjA, "POST", Rules,
            """{"security_group_rule": {"security_group_id": "00000000-0000-0000-0000-000000000000", "direction": "ingress"}}""", 404,
            "SecurityGroupNotFound", "Security group 00000000-0000-0000-0000-000000000000 does not exist"),
        Err(66, "rule: security_group_id not a uuid", ProjA, "POST", Rules, """{"security_group_rule": {"security_group_id": "xyz", "direction": "ingress"}}""", 404,
            "SecurityGroupNotFound", "Security group xyz does not exist"),
        Err(67, "rule: SG of project A as project B", ProjB, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"tcp\", \"port_range_min\": 1, \"port_range_max\": 1"), 404,
            "SecurityGroupNotFound", "Security group @WEB@ does not exist"),
        Err(68, "rule: description 256 chars", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"tcp\", \"port_range_min\": 2, \"port_range_max\": 2, \"description\": \"" + X256 + "\""), 400,
            "HTTPBadRequest", $"Invalid input for description. Reason: '{X256}' exceeds maximum length of 255."),
        Err(69, "rule: unknown attribute", ProjA, "POST", Rules, WebRule("\"direction\": \"ingress\", \"foo\": \"bar\""), 400,
            "HTTPBadRequest", "Unrecognized attribute(s) 'foo'"),
        Ok(70, "rule: ethertype omitted (default)", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"protocol\": \"tcp\", \"port_range_min\": 24, \"port_range_max\": 24"), 201) with
        { Capture = Keep("R70"), Expect = Rule(RuleView("ingress", "IPv4", "tcp", 24, 24)) },
        Err(71, "rule: ipv6-icmp with IPv4", ProjA, "POST", Rules, WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"ipv6-icmp\""), 400,
            "SecurityGroupEthertypeConflictWithProtocol", "Invalid ethertype IPv4 for protocol ipv6-icmp."),
        Err(72, "rule: protocol '1' type 8 code 0 (dup of icmp rule)", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"1\", \"port_range_min\": 8, \"port_range_max\": 0"), 409,
            "SecurityGroupRuleExists", "Security group rule already exists. Rule id is @R43@."),
        Ok(73, "rule: icmp type only (8)", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"icmp\", \"port_range_min\": 8"), 201) with
        { Expect = Rule(RuleView("ingress", "IPv4", "icmp", 8, null)) },
        Ok(74, "rule: ::/0 with IPv6 udp 123", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv6\", \"protocol\": \"udp\", \"port_range_min\": 123, \"port_range_max\": 123, \"remote_ip_prefix\": \"::/0\""), 201) with
        { Expect = Rule(RuleView("ingress", "IPv6", "udp", 123, 123, "::/0", "::/0")) },
        Err(75, "rule: icmp type -1", ProjA, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"icmp\", \"port_range_min\": -1"), 400,
            "SecurityGroupInvalidPortValue", "Invalid value for port -1"),
        Ok(76, "rules: bulk create 2 valid", ProjA, "POST", Rules,
            """{"security_group_rules": [{"security_group_id": "@WEB@", "direction": "ingress", "ethertype": "IPv4", "protocol": "tcp", "port_range_min": 7001, "port_range_max": 7001}, {"security_group_id": "@WEB@", "direction": "ingress", "ethertype": "IPv4", "protocol": "tcp", "port_range_min": 7002, "port_range_max": 7002}]}""", 201) with
        {
            Capture = (b, v) =>
            {
                v["R76a"] = (string)b!["security_group_rules"]![0]!["id"]!;
                v["R76b"] = (string)b["security_group_rules"]![1]!["id"]!;
            },
            Expect = new JsonObject
            {
                ["security_group_rules"] = new JsonArray(RuleView("ingress", "IPv4", "tcp", 7001, 7001), RuleView("ingress", "IPv4", "tcp", 7002, 7002)),
            }.ToJsonString(),
        },
        Err(77, "rules: bulk create, 2nd invalid", ProjA, "POST", Rules,
            """{"security_group_rules": [{"security_group_id": "@WEB@", "direction": "ingress", "ethertype": "IPv4", "protocol": "tcp", "port_range_min": 7003, "port_range_max": 7003}, {"security_group_id": "@WEB@", "direction": "ingress", "ethertype": "IPv4", "protocol": "tcp", "port_range_min": 9, "port_range_max": 8}]}""", 400,
            "SecurityGroupInvalidPortRange", "For TCP/UDP protocols, port_range_min must be <= port_range_max"),
        Ok(78, "rules: bulk, was 7003 created?", ProjA, "GET", Rules + "?port_range_min=7003&fields=id", null, 200) with
        { Exact = true, Expect = """{"security_group_rules": []}""" },
        // The reference's admin is in 'adminproj' and the rule gets that tenant; our cloudAdmin's token tenant is A.
        Ok(79, "rule: admin creates rule in project A's SG", Admin, "POST", Rules,
            WebRule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"tcp\", \"port_range_min\": 7100, \"port_range_max\": 7100"), 201) with
        { Capture = Keep("R79"), Expect = Rule(RuleView("ingress", "IPv4", "tcp", 7100, 7100)) },
        Ok(80, "SG list as project B (sees only its own)", ProjB, "GET", Sgs + "?fields=name&fields=project_id", null, 200) with
        { Exact = true, Expect = """{"security_groups": [{"name": "default", "project_id": "@B@"}]}""" },
        Ok(81, "SG list as admin ?project_id=projA", Admin, "GET", Sgs + "?project_id=@A@&fields=name", null, 200) with
        {
            Exact = true,
            ExpectFn = v => new JsonObject
            {
                ["security_groups"] = new JsonArray([.. new[] { (v["DEF"], "default"), (v["E5"], ""), (v["WEB"], "web2"), (v["SL"], "sl") }
                    .OrderBy(p => p.Item1, StringComparer.Ordinal).Select(p => (JsonNode)new JsonObject { ["name"] = p.Item2 })]),
            }.ToJsonString(),
        },
        Ok(82, "rule: egress udp 53 (to delete)", ProjA, "POST", Rules,
            WebRule("\"direction\": \"egress\", \"ethertype\": \"IPv4\", \"protocol\": \"udp\", \"port_range_min\": 53, \"port_range_max\": 53"), 201) with
        { Capture = Keep("R82"), Expect = Rule(RuleView("egress", "IPv4", "udp", 53, 53)) },
        // Delta 2: PUT on a rule answers 405 (Zed answers 500).
        Err(83, "rule: update (PUT) description", ProjA, "PUT", Rules + "/@R82@", """{"security_group_rule": {"description": "x"}}""", 405,
            "HTTPMethodNotAllowed", "The server could not comply with the request since it is either malformed or otherwise incorrect."),
        Ok(84, "rule: get", ProjA, "GET", Rules + "/@R82@", null, 200) with { Expect = Rule(RuleView("egress", "IPv4", "udp", 53, 53), "@R82@") },
        Err(85, "rule: get as project B", ProjB, "GET", Rules + "/@R82@", null, 404, "HTTPNotFound", "The resource could not be found."),
        Ok(86, "rule: delete", ProjA, "DELETE", Rules + "/@R82@", null, 204),
        Err(87, "rule: delete again", ProjA, "DELETE", Rules + "/@R82@", null, 404, "SecurityGroupRuleNotFound", "Security group rule @R82@ does not exist"),
        Ok(88, "rules: list ?security_group_id=…&fields=protocol", ProjA, "GET",
            Rules + "?security_group_id=@WEB@&fields=protocol&fields=remote_ip_prefix&fields=normalized_cidr", null, 200) with { Check = CheckWebRules },
        Ok(89, "rules: list ?protocol=tcp&fields=id", ProjA, "GET", Rules + "?protocol=tcp&fields=id", null, 200) with
        {
            Exact = true,
            ExpectFn = v => new JsonObject
            {
                ["security_group_rules"] = new JsonArray([.. new[] { "R25", "R28", "R38", "R59", "R63", "R70", "R76a", "R76b", "R79" }
                    .Select(k => v[k]).Order(StringComparer.Ordinal).Select(id => (JsonNode)new JsonObject { ["id"] = id })]),
            }.ToJsonString(),
        },
        Ok(90, "quota: show projA", ProjA, "GET", "/v2.0/quotas/@A@", null, 200) with
        {
            Exact = true,
            Expect = """{"quota": {"network": 100, "subnet": 100, "subnetpool": -1, "port": 500, "rbac_policy": 10, "security_group": 10, "security_group_rule": 100}}""",
        },
        // A owns default, web2, "" and sl here: 6 more groups make the 10 of the default quota.
        Err(91, "create SG while project already owns 10", ProjA, "POST", Sgs, """{"security_group": {"name": "q6"}}""", 409,
            "OverQuota", "Quota exceeded for resources: ['security_group'].") with
        { Setup = [.. Enumerable.Range(0, 6).Select(i => ("POST", Sgs, (string?)("{\"security_group\": {\"name\": \"q" + i + "\"}}"), 201))] },
        Err(92, "delete 'default' SG (member)", ProjA, "DELETE", Sgs + "/@DEF@", null, 409,
            "SecurityGroupCannotRemoveDefault", "Insufficient rights for removing default security group."),
        Err(93, "delete SG of project A as project B", ProjB, "DELETE", Sgs + "/@WEB@", null, 404, "SecurityGroupNotFound", "Security group @WEB@ does not exist"),
        Ok(94, "delete SG", ProjA, "DELETE", Sgs + "/@WEB@", null, 204),
        Err(95, "delete SG again", ProjA, "DELETE", Sgs + "/@WEB@", null, 404, "SecurityGroupNotFound", "Security group @WEB@ does not exist"),
        Ok(96, "delete 'default' SG (admin)", Admin, "DELETE", Sgs + "/@DEF@", null, 204),
        Err(97, "unknown collection", ProjA, "GET", "/v2.0/security-groupz", null, 404, "HTTPNotFound", "The resource could not be found."),
        Err(98, "method not allowed (PATCH)", ProjA, "PATCH", Sgs, """{"security_group": {}}""", 405,
            "HTTPMethodNotAllowed", "The server could not comply with the request since it is either malformed or otherwise incorrect."),
    ];

    /// <summary>
    /// Row 88: the reference body is cut after 9 of the group's rules; we compare the whole set the replay has
    /// built (with row 32's "any" rule, our delta), each item holding exactly the 3 selected fields, in id order.
    /// </summary>
    private static void CheckWebRules(JsonNode? body, Dictionary<string, string> vars, string where)
    {
        var items = body!["security_group_rules"]!.AsArray();
        foreach (var item in items)
        {
            Assert.True(item!.AsObject().Select(p => p.Key).Order().SequenceEqual(["normalized_cidr", "protocol", "remote_ip_prefix"]), $"{where}: fields");
        }
        static string T(string? p, string? prefix, string? cidr) => $"{p ?? "null"}|{prefix ?? "null"}|{cidr ?? "null"}";
        string[] expected =
        [
            T(null, null, null), T(null, null, null), // the two egress template rules
            T("tcp", "0.0.0.0/0", "0.0.0.0/0"), T("tcp", null, null), T("132", null, null), T(null, "10.9.9.0/24", "10.9.9.0/24"),
            T("0", "10.9.8.0/24", "10.9.8.0/24"), T("tcp", null, null), T("icmp", null, null), T("ipv6-icmp", null, null),
            T("udp", "10.1.2.3/8", "10.0.0.0/8"), T("udp", "10.0.0.0/8", "10.0.0.0/8"), T("udp", "192.168.1.1/32", "192.168.1.1/32"),
            T("udp", "2001:db8::1/32", "2001:db8::/32"), T("tcp", null, null), T("tcp", null, null), T("tcp", null, null),
            T("icmp", null, null), T("udp", "::/0", "::/0"), T("tcp", null, null), T("tcp", null, null), T("tcp", null, null),
        ];
        var actual = items.Select(i => T((string?)i!["protocol"], (string?)i["remote_ip_prefix"], (string?)i["normalized_cidr"]));
        Assert.True(expected.Order(StringComparer.Ordinal).SequenceEqual(actual.Order(StringComparer.Ordinal)),
            $"{where}: expected the set {string.Join(", ", expected)}");
    }
}
