using System.Text.Json.Nodes;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// What the reference Neutron (Zed, python3-neutron 21.0.0, headers auth, SQLite) answered to address-group requests
/// and to rules with <c>remote_address_group_id</c>, recorded on 2026-12-06 (156 requests in two runs) and kept here in our
/// own form, in order, as <see cref="ReplayRow"/>s: projA → memberA, projB → memberB, a project reader → readerA, admin →
/// cloudAdmin; ids are placeholders filled from earlier answers (@AG1@ 'office', @AGB@ B's group, @WEB@ A's security
/// group, …). Rows whose answer is ours, not the reference's, say "Delta" in their comment:
/// <list type="bullet">
/// <item>readers may not write (Zed's address-group policy had no create/update/delete/add/remove rules and fell back to
/// admin_or_owner, which any role of the project passes; 2026.x has explicit policies): 403 PolicyNotAuthorized;</item>
/// <item>bulk create (<c>{"address_groups": [...]}</c>): Zed answers 500; we refuse the body as not holding
/// <c>address_group</c> (400);</item>
/// <item>add/remove_addresses without <c>addresses</c>, with a value that is not a list, or with an item that is not a
/// string: Zed answers 500 (or, for a string, parses its characters one by one); we answer 400;</item>
/// <item>several addresses in one create: Zed stores them in Python set order (arbitrary), we in request order; those
/// rows compare the addresses as a set;</item>
/// <item>revision numbers are not compared (the readers' delta changes how many updates happened);</item>
/// <item>the cloudAdmin's rule gets tenant A (its token's), the reference admin's got its own 'adminproj'.</item>
/// </list>
/// Row 28 creates in one request the address spellings that run 2 created one group each (same answers, fewer groups).
/// </summary>
public static class AddressGroupObservations
{
    public const string ProjA = "projA";
    public const string ProjB = "projB";
    public const string ReaderA = "readerA";
    public const string Admin = "admin";

    private const string Ags = "/v2.0/address-groups";
    private const string Rules = "/v2.0/security-group-rules";
    private const string Sgs = "/v2.0/security-groups";

    /// <summary>The six keys of create, show, list and update.</summary>
    public static readonly string[] ViewKeys = ["addresses", "description", "id", "name", "project_id", "tenant_id"];

    /// <summary>The ten keys of add_addresses and remove_addresses.</summary>
    public static readonly string[] ActionKeys = [.. ViewKeys, "created_at", "revision_number", "shared", "updated_at"];

    private static string Create(string rest) => "{\"address_group\": {" + rest + "}}";

    private static string Addresses(params string[] addresses) =>
        new JsonObject { ["addresses"] = new JsonArray([.. addresses.Select(a => (JsonNode)JsonValue.Create(a)!)]) }.ToJsonString();

    private static ReplayRow Err(int n, string @case, string who, string method, string path, string? body, int status, string type, string message) =>
        new(n, @case, who, method, path, body, status, type, message);

    private static ReplayRow Ok(int n, string @case, string who, string method, string path, string? body, int status) =>
        new(n, @case, who, method, path, body, status);

    private static ReplayRow BadAddress(int n, string @case, string address, string reason) =>
        Err(n, "create, " + @case, ProjA, "POST", Ags, Create("\"name\": \"x\", \"addresses\": [" + System.Text.Json.JsonSerializer.Serialize(address) + "]"), 400,
            "HTTPBadRequest", $"Invalid input for addresses. Reason: {reason}.");

    private static Action<JsonNode?, Dictionary<string, string>> Keep(string name, string key = "address_group") =>
        (body, vars) => vars[name] = (string)body![key]!["id"]!;

    /// <summary>
    /// The resource under <c>address_group</c> has exactly <paramref name="keys"/>, these name, description, tenant and
    /// addresses (as a set when <paramref name="ordered"/> is false).
    /// </summary>
    private static Action<JsonNode?, Dictionary<string, string>, string> Shape(string[] keys, string? name, string? description, string tenant,
        string[] addresses, bool ordered = false) => (body, vars, where) =>
        {
            var g = body!["address_group"]!.AsObject();
            Assert.True(g.Select(p => p.Key).Order(StringComparer.Ordinal).SequenceEqual(keys.Order(StringComparer.Ordinal)),
                $"{where}: keys {string.Join(",", g.Select(p => p.Key))}");
            if (name is not null)
            {
                Assert.True(name == (string?)g["name"], $"{where}: name");
            }
            if (description is not null)
            {
                Assert.True(description == (string?)g["description"], $"{where}: description");
            }
            Assert.True(ReferenceReplayTests.Sub(tenant, vars) == (string?)g["tenant_id"], $"{where}: tenant_id");
            Assert.True(!g.ContainsKey("project_id") || (string?)g["project_id"] == (string?)g["tenant_id"], $"{where}: project_id");
            var actual = g["addresses"]!.AsArray().Select(a => (string)a!).ToList();
            var same = ordered ? actual.SequenceEqual(addresses) : actual.Order(StringComparer.Ordinal).SequenceEqual(addresses.Order(StringComparer.Ordinal));
            Assert.True(same, $"{where}: addresses {string.Join(", ", actual)}, expected {string.Join(", ", addresses)}");
            if (keys.Contains("shared"))
            {
                Assert.True(g["shared"]!.GetValue<bool>() == false, $"{where}: shared");
                Assert.True(g["revision_number"]!.GetValue<long>() >= 0, $"{where}: revision_number");
            }
        };

    private static readonly string[] Office = ["2001:db8::/32", "192.168.0.0/24", "10.1.0.0/16"];

    /// <summary>AG1's addresses after the actions of rows 58–74 (row 77/81 onwards removes some).</summary>
    private static readonly string[] AfterAdds = [.. Office, "10.2.0.0/16", "2001:db8:1::/48", "172.16.0.1/32", "10.8.0.0/16", "10.30.0.0/16", "2001:db8::5/128"];

    private static string Rule(string rest, string sg = "@WEB@") => "{\"security_group_rule\": {\"security_group_id\": \"" + sg + "\", " + rest + "}}";

    private const string MultipleRemotes = "Only one of remote_ip_prefix or remote_group_id or remote_address_group_id may be provided.";

    public static IReadOnlyList<ReplayRow> Rows { get; } =
    [
        Ok(1, "list, fresh project A", ProjA, "GET", Ags, null, 200) with { Exact = true, Expect = """{"address_groups": []}""" },
        Ok(2, "create 'office' (host bits, IPv6 upper case)", ProjA, "POST", Ags,
            Create("\"name\": \"office\", \"description\": \"d\", \"addresses\": [\"10.1.2.3/16\", \"192.168.0.0/24\", \"2001:DB8::1/32\"]"), 201) with
        { Capture = Keep("AG1"), Check = Shape(ViewKeys, "office", "d", "@A@", Office) },
        BadAddress(3, "bare IPv4 address", "192.168.1.5", "'192.168.1.5' isn't a recognized IP subnet cidr, '192.168.1.5/32' is recommended"),
        BadAddress(4, "bare IPv6 address", "2001:db8::1", "'2001:db8::1' isn't a recognized IP subnet cidr, '2001:db8::1/128' is recommended"),
        BadAddress(5, "invalid 300.1.1.1/8", "300.1.1.1/8", "'300.1.1.1/8' is not a valid IP subnet"),
        BadAddress(6, "/33", "10.0.0.0/33", "'10.0.0.0/33' is not a valid IP subnet"),
        BadAddress(7, "not an address", "abc", "'abc' is not a valid IP subnet"),
        BadAddress(8, "leading zero", "010.0.0.0/8", "'010.0.0.0/8' isn't a recognized IP subnet cidr, '10.0.0.0/8' is recommended"),
        BadAddress(9, "leading whitespace", " 10.0.0.0/8", "' 10.0.0.0/8' is not a valid IP subnet"),
        Err(10, "create, number item", ProjA, "POST", Ags, Create("\"name\": \"x\", \"addresses\": [5]"), 400,
            "HTTPBadRequest", "Invalid input for addresses. Reason: '5' is not a valid IP subnet."),
        Err(11, "create, duplicate items", ProjA, "POST", Ags, Create("\"name\": \"x\", \"addresses\": [\"10.0.0.0/8\", \"10.0.0.0/8\"]"), 400,
            "HTTPBadRequest", "Invalid input for addresses. Reason: Duplicate items in the list: '10.0.0.0/8'."),
        Err(12, "create, addresses a string", ProjA, "POST", Ags, Create("\"name\": \"x\", \"addresses\": \"10.0.0.0/8\""), 400,
            "HTTPBadRequest", "Invalid input for addresses. Reason: '10.0.0.0/8' is not a list."),
        Err(13, "create, addresses true", ProjA, "POST", Ags, Create("\"name\": \"x\", \"addresses\": true"), 400,
            "HTTPBadRequest", "Invalid input for addresses. Reason: 'True' is not a list."),
        Err(14, "create, addresses an object", ProjA, "POST", Ags, Create("\"name\": \"x\", \"addresses\": {\"a\": 1}"), 400,
            "HTTPBadRequest", "Invalid input for addresses. Reason: '{'a': 1}' is not a list."),
        Err(15, "create, addresses [null]", ProjA, "POST", Ags, Create("\"name\": \"x\", \"addresses\": [null]"), 400,
            "HTTPBadRequest", "Invalid input for addresses. Reason: 'None' is not a valid IP subnet."),
        Err(16, "create, zone index after valid items", ProjA, "POST", Ags,
            Create("\"name\": \"any\", \"addresses\": [\"::/0\", \"0.0.0.0/0\", \"::FFFF:10.0.0.1/128\", \"fe80::1%eth0/64\"]"), 400,
            "HTTPBadRequest", "Invalid input for addresses. Reason: 'fe80::1%eth0/64' is not a valid IP subnet."),
        BadAddress(17, "partial IPv4 10.0.0/8", "10.0.0/8", "'10.0.0/8' isn't a recognized IP subnet cidr, '10.0.0.0/8' is recommended"),
        BadAddress(18, "partial IPv4 10/8", "10/8", "'10/8' isn't a recognized IP subnet cidr, '10.0.0.0/8' is recommended"),
        BadAddress(19, "netmask", "10.0.0.0/255.0.0.0", "'10.0.0.0/255.0.0.0' isn't a recognized IP subnet cidr, '10.0.0.0/8' is recommended"),
        BadAddress(20, "prefix with leading zero", "10.0.0.0/08", "'10.0.0.0/08' isn't a recognized IP subnet cidr, '10.0.0.0/8' is recommended"),
        BadAddress(21, "IPv6 /129", "2001:db8::/129", "'2001:db8::/129' is not a valid IP subnet"),
        BadAddress(22, "prefix -1", "10.0.0.0/-1", "'10.0.0.0/-1' is not a valid IP subnet"),
        BadAddress(23, "empty prefix", "10.0.0.0/", "'10.0.0.0/' is not a valid IP subnet"),
        BadAddress(24, "trailing whitespace", "10.0.0.0/8 ", "'10.0.0.0/8 ' is not a valid IP subnet"),
        Ok(25, "create, one network in two spellings", ProjA, "POST", Ags, Create("\"name\": \"dup\", \"addresses\": [\"10.0.0.0/8\", \"10.1.0.0/8\"]"), 201) with
        { Capture = Keep("AG2"), Check = Shape(ViewKeys, "dup", "", "@A@", ["10.0.0.0/8"]) },
        Ok(26, "create, addresses null", ProjA, "POST", Ags, Create("\"name\": \"nul\", \"addresses\": null"), 201) with
        { Capture = Keep("AG3"), Check = Shape(ViewKeys, "nul", "", "@A@", []) },
        Ok(27, "create, empty body object", ProjA, "POST", Ags, Create(""), 201) with
        { Capture = Keep("AG4"), Check = Shape(ViewKeys, "", "", "@A@", []) },
        Ok(28, "create, the accepted spellings of run 2 (one group each there)", ProjA, "POST", Ags,
            Create("\"name\": \"forms\", \"addresses\": [\"10.1.2.3/0\", \"1.2.3.4/32\", \"::/0\", \"2001:0DB8:0000::/32\", \"::ffff:10.0.0.1/128\", \"::10.0.0.1/128\", \"2001:db8::1/64\", \"fe80::/10\"]"), 201) with
        {
            Capture = Keep("FORMS"),
            Check = Shape(ViewKeys, "forms", "", "@A@", ["0.0.0.0/0", "1.2.3.4/32", "::/0", "2001:db8::/32", "::ffff:10.0.0.1/128", "::10.0.0.1/128", "2001:db8::/64", "fe80::/10"]),
        },
        Err(29, "create, name 256 chars", ProjA, "POST", Ags, Create("\"name\": \"" + new string('n', 256) + "\""), 400,
            "HTTPBadRequest", $"Invalid input for name. Reason: '{new string('n', 256)}' exceeds maximum length of 255."),
        Err(30, "create, name not a string", ProjA, "POST", Ags, Create("\"name\": 5"), 400, "HTTPBadRequest", "Invalid input for name. Reason: '5' is not a valid string."),
        Err(31, "create, name null", ProjA, "POST", Ags, Create("\"name\": null"), 400, "HTTPBadRequest", "Invalid input for name. Reason: 'None' is not a valid string."),
        Err(32, "create, description null", ProjA, "POST", Ags, Create("\"name\": \"x\", \"description\": null"), 400,
            "HTTPBadRequest", "Invalid input for description. Reason: 'None' is not a valid string."),
        Ok(33, "create, description 256 chars (up to 1024)", ProjA, "POST", Ags, Create("\"name\": \"d256\", \"description\": \"" + new string('x', 256) + "\""), 201) with
        { Capture = Keep("D256"), Check = Shape(ViewKeys, "d256", new string('x', 256), "@A@", []) },
        Err(34, "create, description 1025 chars", ProjA, "POST", Ags, Create("\"name\": \"d1025\", \"description\": \"" + new string('x', 1025) + "\""), 400,
            "HTTPBadRequest", $"Invalid input for description. Reason: '{new string('x', 1025)}' exceeds maximum length of 1024."),
        Ok(35, "create, name 'default' (no meaning for address groups)", ProjA, "POST", Ags, Create("\"name\": \"default\""), 201) with
        { Capture = Keep("DEFAULT"), Check = Shape(ViewKeys, "default", "", "@A@", []) },
        Err(36, "create, unknown attribute", ProjA, "POST", Ags, Create("\"name\": \"x\", \"foo\": 1"), 400, "HTTPBadRequest", "Unrecognized attribute(s) 'foo'"),
        Err(37, "create, read-only id", ProjA, "POST", Ags, Create("\"name\": \"x\", \"id\": \"00000000-0000-0000-0000-000000000001\""), 400,
            "HTTPBadRequest", "Attribute 'id' not allowed in POST"),
        Err(38, "create, missing resource key", ProjA, "POST", Ags, """{"name": "x"}""", 400, "HTTPBadRequest", "Unable to find 'address_group' in request body"),
        Err(39, "create, malformed JSON", ProjA, "POST", Ags, """{"address_group": """, 400, "MalformedRequestBody", "Malformed request body: Cannot understand JSON."),
        Err(40, "create, project_id of another project (non-admin)", ProjA, "POST", Ags, Create("\"name\": \"x\", \"project_id\": \"@B@\""), 400,
            "HTTPBadRequest", "Specifying 'project_id' or 'tenant_id' other than the authenticated project in request requires admin or advsvc privileges"),
        // Delta: Zed lets a project reader create (201).
        Err(41, "create, reader", ReaderA, "POST", Ags, Create("\"name\": \"byreader\""), 403, "PolicyNotAuthorized", "rule:create_address_group is disallowed by policy"),
        Ok(42, "create, admin for project B (tenant_id)", Admin, "POST", Ags, Create("\"name\": \"bgroup\", \"tenant_id\": \"@B@\", \"addresses\": [\"172.16.0.0/12\"]"), 201) with
        { Capture = Keep("AGB"), Check = Shape(ViewKeys, "bgroup", "", "@B@", ["172.16.0.0/12"]) },
        // Delta: Zed answers 500 for a bulk body.
        Err(43, "bulk create", ProjA, "POST", Ags, """{"address_groups": [{"name": "b1"}, {"name": "b2", "addresses": ["10.5.0.0/16"]}]}""", 400,
            "HTTPBadRequest", "Unable to find 'address_group' in request body"),
        Ok(44, "show", ProjA, "GET", Ags + "/@AG1@", null, 200) with { Check = Shape(ViewKeys, "office", "d", "@A@", Office) },
        Ok(45, "show, fields=name&fields=addresses (tenant_id comes along)", ProjA, "GET", Ags + "/@AG1@?fields=name&fields=addresses", null, 200) with
        { Check = Shape(["addresses", "name", "tenant_id"], "office", null, "@A@", Office) },
        Err(46, "show, unknown uuid", ProjA, "GET", Ags + "/00000000-0000-0000-0000-000000000000", null, 404,
            "AddressGroupNotFound", "Address group 00000000-0000-0000-0000-000000000000 could not be found."),
        Err(47, "show, not a uuid", ProjA, "GET", Ags + "/not-a-uuid", null, 404, "AddressGroupNotFound", "Address group not-a-uuid could not be found."),
        Err(48, "show as project B", ProjB, "GET", Ags + "/@AG1@", null, 404, "AddressGroupNotFound", "Address group @AG1@ could not be found."),
        Ok(49, "show B's as admin", Admin, "GET", Ags + "/@AGB@", null, 200) with { Check = Shape(ViewKeys, "bgroup", "", "@B@", ["172.16.0.0/12"]) },
        Ok(50, "show as reader of A", ReaderA, "GET", Ags + "/@AG1@", null, 200) with { Check = Shape(ViewKeys, "office", "d", "@A@", Office) },
        Ok(51, "update name and description", ProjA, "PUT", Ags + "/@AG1@", Create("\"name\": \"office2\", \"description\": \"d2\""), 200) with
        { Check = Shape(ViewKeys, "office2", "d2", "@A@", Office) },
        Err(52, "update addresses (read-only)", ProjA, "PUT", Ags + "/@AG1@", Create("\"addresses\": [\"10.0.0.0/8\"]"), 400,
            "HTTPBadRequest", "Cannot update read-only attribute addresses"),
        Err(53, "update project_id", ProjA, "PUT", Ags + "/@AG1@", Create("\"project_id\": \"@A@\""), 400, "HTTPBadRequest", "Cannot update read-only attribute project_id"),
        Err(54, "update, unknown attribute", ProjA, "PUT", Ags + "/@AG1@", Create("\"foo\": 1"), 400, "HTTPBadRequest", "Unrecognized attribute(s) 'foo'"),
        Err(55, "update as project B", ProjB, "PUT", Ags + "/@AG1@", Create("\"name\": \"hack\""), 404, "AddressGroupNotFound", "Address group @AG1@ could not be found."),
        Err(56, "update unknown", ProjA, "PUT", Ags + "/00000000-0000-0000-0000-000000000000", Create("\"name\": \"z\""), 404,
            "AddressGroupNotFound", "Address group 00000000-0000-0000-0000-000000000000 could not be found."),
        // Delta: Zed lets a project reader update (200).
        Err(57, "update, reader", ReaderA, "PUT", Ags + "/@AG1@", Create("\"name\": \"office2\""), 403, "PolicyNotAuthorized", "rule:update_address_group is disallowed by policy"),
        Ok(58, "add_addresses (host bits, IPv6 upper case)", ProjA, "PUT", Ags + "/@AG1@/add_addresses", Addresses("10.2.3.4/16", "2001:DB8:1::/48"), 200) with
        { Check = Shape(ActionKeys, "office2", "d2", "@A@", [.. Office, "10.2.0.0/16", "2001:db8:1::/48"]) },
        Err(59, "add_addresses, one new and one held", ProjA, "PUT", Ags + "/@AG1@/add_addresses", Addresses("10.3.0.0/16", "10.1.0.0/16"), 400,
            "AddressesAlreadyExist", "Addresses ['10.1.0.0/16'] already exist in the address group @AG1@."),
        Ok(60, "add_addresses, was 10.3.0.0/16 added? (no)", ProjA, "GET", Ags + "/@AG1@?fields=addresses", null, 200) with
        { Check = Shape(["addresses", "tenant_id"], null, null, "@A@", [.. Office, "10.2.0.0/16", "2001:db8:1::/48"]) },
        Ok(61, "add_addresses, a bare IP (the action does not validate: /32)", ProjA, "PUT", Ags + "/@AG1@/add_addresses", Addresses("172.16.0.1"), 200) with
        { Check = Shape(ActionKeys, null, null, "@A@", [.. Office, "10.2.0.0/16", "2001:db8:1::/48", "172.16.0.1/32"]) },
        Err(62, "add_addresses, unparsable", ProjA, "PUT", Ags + "/@AG1@/add_addresses", Addresses("abc"), 400, "AddrFormatError", "invalid IPNetwork abc"),
        // Delta: Zed answers 500.
        Err(63, "add_addresses, no addresses key", ProjA, "PUT", Ags + "/@AG1@/add_addresses", """{"foo": []}""", 400,
            "HTTPBadRequest", "Failed to parse request. Required attribute 'addresses' not specified"),
        // Delta: Zed parses the string's characters ("invalid IPNetwork .").
        Err(64, "add_addresses, not a list", ProjA, "PUT", Ags + "/@AG1@/add_addresses", """{"addresses": "10.7.0.0/16"}""", 400,
            "HTTPBadRequest", "Invalid input for addresses. Reason: '10.7.0.0/16' is not a list."),
        // Delta: Zed answers 500.
        Err(65, "add_addresses, a number", ProjA, "PUT", Ags + "/@AG1@/add_addresses", """{"addresses": [5]}""", 400,
            "HTTPBadRequest", "Invalid input for addresses. Reason: '5' is not a valid IP subnet."),
        Ok(66, "add_addresses, empty list", ProjA, "PUT", Ags + "/@AG1@/add_addresses", """{"addresses": []}""", 200) with
        { Check = Shape(ActionKeys, null, null, "@A@", [.. Office, "10.2.0.0/16", "2001:db8:1::/48", "172.16.0.1/32"]) },
        Ok(67, "add_addresses, the same address twice", ProjA, "PUT", Ags + "/@AG1@/add_addresses", Addresses("10.8.0.0/16", "10.8.0.0/16"), 200) with
        { Check = Shape(ActionKeys, null, null, "@A@", [.. Office, "10.2.0.0/16", "2001:db8:1::/48", "172.16.0.1/32", "10.8.0.0/16"]) },
        Err(68, "add_addresses as project B", ProjB, "PUT", Ags + "/@AG1@/add_addresses", Addresses("10.9.0.0/16"), 404,
            "AddressGroupNotFound", "Address group @AG1@ could not be found."),
        Err(69, "add_addresses, unknown group", ProjA, "PUT", Ags + "/00000000-0000-0000-0000-000000000000/add_addresses", Addresses("10.9.0.0/16"), 404,
            "AddressGroupNotFound", "Address group 00000000-0000-0000-0000-000000000000 could not be found."),
        // Delta: Zed lets a project reader add (200).
        Err(70, "add_addresses, reader", ReaderA, "PUT", Ags + "/@AG1@/add_addresses", Addresses("10.9.0.0/16"), 403,
            "PolicyNotAuthorized", "rule:add_addresses is disallowed by policy"),
        Err(71, "add_addresses, POST", ProjA, "POST", Ags + "/@AG1@/add_addresses", Addresses("10.9.0.0/16"), 405,
            "HTTPMethodNotAllowed", "The server could not comply with the request since it is either malformed or otherwise incorrect."),
        Err(72, "add_addresses, GET", ProjA, "GET", Ags + "/@AG1@/add_addresses", null, 405,
            "HTTPMethodNotAllowed", "The server could not comply with the request since it is either malformed or otherwise incorrect."),
        Err(73, "unknown action", ProjA, "PUT", Ags + "/@AG1@/bogus", """{"addresses": []}""", 404, "HTTPNotFound", "The resource could not be found."),
        Ok(74, "add_addresses, leading whitespace and a bare IPv6 address", ProjA, "PUT", Ags + "/@AG1@/add_addresses", Addresses(" 10.30.0.0/16", "2001:DB8::5"), 200) with
        { Check = Shape(ActionKeys, null, null, "@A@", AfterAdds, ordered: false) },
        Ok(75, "remove_addresses", ProjA, "PUT", Ags + "/@AG1@/remove_addresses", Addresses("10.2.0.0/16"), 200) with
        { Check = Shape(ActionKeys, null, null, "@A@", [.. AfterAdds.Where(a => a != "10.2.0.0/16")]) },
        Err(76, "remove_addresses, one held and two not", ProjA, "PUT", Ags + "/@AG1@/remove_addresses", Addresses("10.1.0.0/16", "10.99.0.0/16", "10.98.0.0/16"), 404,
            "AddressesNotFound", "Addresses ['10.99.0.0/16', '10.98.0.0/16'] not found in the address group @AG1@."),
        Ok(77, "remove_addresses, was 10.1.0.0/16 removed? (no)", ProjA, "GET", Ags + "/@AG1@?fields=addresses", null, 200) with
        { Check = Shape(["addresses", "tenant_id"], null, null, "@A@", [.. AfterAdds.Where(a => a != "10.2.0.0/16")]) },
        Ok(78, "remove_addresses, with host bits", ProjA, "PUT", Ags + "/@AG1@/remove_addresses", Addresses("2001:db8:1::1/48"), 200) with
        { Check = Shape(ActionKeys, null, null, "@A@", [.. AfterAdds.Where(a => a is not ("10.2.0.0/16" or "2001:db8:1::/48"))]) },
        Err(79, "remove_addresses, unparsable", ProjA, "PUT", Ags + "/@AG1@/remove_addresses", Addresses("abc"), 400, "AddrFormatError", "invalid IPNetwork abc"),
        Err(80, "remove_addresses as project B", ProjB, "PUT", Ags + "/@AG1@/remove_addresses", Addresses("10.1.0.0/16"), 404,
            "AddressGroupNotFound", "Address group @AG1@ could not be found."),
        Ok(81, "list ?name=office2&fields=id&fields=name", ProjA, "GET", Ags + "?name=office2&fields=id&fields=name", null, 200) with
        { Exact = true, Expect = """{"address_groups": [{"id": "@AG1@", "name": "office2", "tenant_id": "@A@"}]}""" },
        Ok(82, "list ?sort_key=name&sort_dir=desc&fields=name", ProjA, "GET", Ags + "?sort_key=name&sort_dir=desc&fields=name", null, 200) with
        {
            Exact = true,
            Expect = new JsonObject
            {
                ["address_groups"] = new JsonArray([.. new[] { "office2", "nul", "forms", "dup", "default", "d256", "" }
                    .Select(n => (JsonNode)new JsonObject { ["name"] = n, ["tenant_id"] = "@A@" })]),
            }.ToJsonString(),
        },
        Ok(83, "list ?limit=1&fields=id", ProjA, "GET", Ags + "?limit=1&fields=id", null, 200) with
        {
            Exact = true,
            ExpectFn = v =>
            {
                var first = v.Where(p => p.Key is "AG1" or "AG2" or "AG3" or "AG4" or "FORMS" or "D256" or "DEFAULT").Select(p => p.Value).Min(StringComparer.Ordinal)!;
                var href = "http://localhost/v2.0/address-groups?limit=1&fields=id&marker=" + first;
                return $$"""{"address_groups": [{"id": "{{first}}", "tenant_id": "@A@"}], "address_groups_links": [{"rel": "next", "href": "{{href}}"}, {"rel": "previous", "href": "{{href}}&page_reverse=True"}]}""";
            },
        },
        Err(84, "list ?addresses=", ProjA, "GET", Ags + "?addresses=10.1.0.0/16", null, 400, "HTTPBadRequest", "['addresses'] is invalid attribute for filtering"),
        Err(85, "list ?bogus=1", ProjA, "GET", Ags + "?bogus=1", null, 400, "HTTPBadRequest", "['bogus'] is invalid attribute for filtering"),
        Ok(86, "list ?description=d2&fields=name", ProjA, "GET", Ags + "?description=d2&fields=name", null, 200) with
        { Exact = true, Expect = """{"address_groups": [{"name": "office2", "tenant_id": "@A@"}]}""" },
        Err(87, "list ?shared=false", ProjA, "GET", Ags + "?shared=false&fields=name", null, 400, "HTTPBadRequest", "['shared'] is invalid attribute for filtering"),
        Err(88, "list ?sort_key=addresses", ProjA, "GET", Ags + "?sort_key=addresses", null, 400, "HTTPBadRequest", "The number of sort_keys and sort_dirs must be same"),
        Err(89, "list ?sort_key=created_at&sort_dir=asc", ProjA, "GET", Ags + "?sort_key=created_at&sort_dir=asc&fields=name", null, 400,
            "HTTPBadRequest", "['created_at'] is invalid attribute for sort_keys"),
        Err(90, "list ?revision_number=0", ProjA, "GET", Ags + "?revision_number=0", null, 400, "HTTPBadRequest", "['revision_number'] is invalid attribute for filtering"),
        Ok(91, "list as project B (its own only)", ProjB, "GET", Ags, null, 200) with
        {
            Exact = true,
            Expect = """{"address_groups": [{"id": "@AGB@", "name": "bgroup", "project_id": "@B@", "addresses": ["172.16.0.0/12"], "description": "", "tenant_id": "@B@"}]}""",
        },
        Ok(92, "list as admin ?project_id=B&fields=name&fields=project_id", Admin, "GET", Ags + "?project_id=@B@&fields=name&fields=project_id", null, 200) with
        { Exact = true, Expect = """{"address_groups": [{"name": "bgroup", "project_id": "@B@", "tenant_id": "@B@"}]}""" },
        Ok(93, "security group 'web' for rules", ProjA, "POST", Sgs, """{"security_group": {"name": "web"}}""", 201) with { Capture = Keep("WEB", "security_group") },
        Ok(94, "security group 'bweb' of B", ProjB, "POST", Sgs, """{"security_group": {"name": "bweb"}}""", 201) with { Capture = Keep("BWEB", "security_group") },
        Ok(95, "rule with remote_address_group_id", ProjA, "POST", Rules,
            Rule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"tcp\", \"port_range_min\": 22, \"port_range_max\": 22, \"remote_address_group_id\": \"@AG1@\""), 201) with
        {
            Capture = Keep("RAG", "security_group_rule"),
            Expect = """{"security_group_rule": {"tenant_id": "@A@", "security_group_id": "@WEB@", "ethertype": "IPv4", "direction": "ingress", "protocol": "tcp", "port_range_min": 22, "port_range_max": 22, "remote_ip_prefix": null, "remote_address_group_id": "@AG1@", "normalized_cidr": null, "remote_group_id": null, "description": "", "revision_number": 0, "project_id": "@A@"}}""",
        },
        Err(96, "rule, duplicate", ProjA, "POST", Rules,
            Rule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"tcp\", \"port_range_min\": 22, \"port_range_max\": 22, \"remote_address_group_id\": \"@AG1@\""), 409,
            "SecurityGroupRuleExists", "Security group rule already exists. Rule id is @RAG@."),
        Ok(97, "rule, same ports from another address group", ProjA, "POST", Rules,
            Rule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"tcp\", \"port_range_min\": 22, \"port_range_max\": 22, \"remote_address_group_id\": \"@AG2@\""), 201) with
        { Capture = Keep("RAG2", "security_group_rule"), Expect = """{"security_group_rule": {"remote_address_group_id": "@AG2@"}}""" },
        Ok(98, "rule, same ports without a remote", ProjA, "POST", Rules,
            Rule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"protocol\": \"tcp\", \"port_range_min\": 22, \"port_range_max\": 22"), 201) with
        { Expect = """{"security_group_rule": {"remote_address_group_id": null, "remote_ip_prefix": null, "remote_group_id": null}}""" },
        Err(99, "rule, address group and prefix", ProjA, "POST", Rules,
            Rule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"remote_ip_prefix\": \"10.0.0.0/8\", \"remote_address_group_id\": \"@AG1@\""), 400,
            "SecurityGroupMultipleRemoteEntites", MultipleRemotes),
        Err(100, "rule, address group and remote group", ProjA, "POST", Rules,
            Rule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"remote_group_id\": \"@WEB@\", \"remote_address_group_id\": \"@AG1@\""), 400,
            "SecurityGroupMultipleRemoteEntites", MultipleRemotes),
        Err(101, "rule, unknown address group", ProjA, "POST", Rules,
            Rule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"remote_address_group_id\": \"00000000-0000-0000-0000-000000000000\""), 404,
            "AddressGroupNotFound", "Address group 00000000-0000-0000-0000-000000000000 could not be found."),
        Err(102, "rule, B uses A's address group", ProjB, "POST", Rules,
            Rule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"remote_address_group_id\": \"@AG1@\"", "@BWEB@"), 404,
            "AddressGroupNotFound", "Address group @AG1@ could not be found."),
        Ok(103, "rule, IPv6 with an address group of IPv4 and IPv6 addresses", ProjA, "POST", Rules,
            Rule("\"direction\": \"ingress\", \"ethertype\": \"IPv6\", \"remote_address_group_id\": \"@AG1@\""), 201) with
        { Capture = Keep("RAG6", "security_group_rule"), Expect = """{"security_group_rule": {"ethertype": "IPv6", "remote_address_group_id": "@AG1@"}}""" },
        Ok(104, "rule, remote_address_group_id null", ProjA, "POST", Rules,
            Rule("\"direction\": \"egress\", \"ethertype\": \"IPv4\", \"protocol\": \"udp\", \"remote_address_group_id\": null"), 201) with
        { Expect = """{"security_group_rule": {"remote_address_group_id": null}}""" },
        Err(105, "rule, remote_address_group_id a number", ProjA, "POST", Rules,
            Rule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"remote_address_group_id\": 5"), 404, "AddressGroupNotFound", "Address group 5 could not be found."),
        Ok(106, "rule, show", ProjA, "GET", Rules + "/@RAG@", null, 200) with
        { Expect = """{"security_group_rule": {"id": "@RAG@", "remote_address_group_id": "@AG1@", "remote_ip_prefix": null, "normalized_cidr": null, "remote_group_id": null}}""" },
        Ok(107, "rules ?remote_address_group_id=AG1&fields=id", ProjA, "GET", Rules + "?remote_address_group_id=@AG1@&fields=id", null, 200) with
        {
            Exact = true,
            ExpectFn = v => new JsonObject
            {
                ["security_group_rules"] = new JsonArray([.. new[] { v["RAG"], v["RAG6"] }.Order(StringComparer.Ordinal).Select(id => (JsonNode)new JsonObject { ["id"] = id })]),
            }.ToJsonString(),
        },
        Err(108, "rules, bulk with the same address-group rule twice", ProjA, "POST", Rules,
            """{"security_group_rules": [{"security_group_id": "@WEB@", "direction": "ingress", "ethertype": "IPv4", "protocol": "udp", "remote_address_group_id": "@AG1@"}, {"security_group_id": "@WEB@", "direction": "ingress", "ethertype": "IPv4", "protocol": "udp", "remote_address_group_id": "@AG1@"}]}""", 409,
            "DuplicateSecurityGroupRuleInPost", "Duplicate Security Group Rule in POST."),
        Err(109, "delete an address group in use", ProjA, "DELETE", Ags + "/@AG1@", null, 409,
            "AddressGroupInUse", "Address group @AG1@ is in use on one or more security group rules."),
        Err(110, "delete it as project B", ProjB, "DELETE", Ags + "/@AG1@", null, 404, "AddressGroupNotFound", "Address group @AG1@ could not be found."),
        Err(111, "delete another unused one as project B", ProjB, "DELETE", Ags + "/@AG4@", null, 404, "AddressGroupNotFound", "Address group @AG4@ could not be found."),
        // Delta: Zed lets a project reader delete (204).
        Err(112, "delete, reader", ReaderA, "DELETE", Ags + "/@AG4@", null, 403, "PolicyNotAuthorized", "rule:delete_address_group is disallowed by policy"),
        // The reference admin's rule got its own project; our cloudAdmin's gets tenant A (its token's).
        Ok(113, "admin's rule in B's group with A's address group", Admin, "POST", Rules,
            Rule("\"direction\": \"ingress\", \"ethertype\": \"IPv4\", \"remote_address_group_id\": \"@AG2@\"", "@BWEB@"), 201) with
        { Expect = """{"security_group_rule": {"security_group_id": "@BWEB@", "remote_address_group_id": "@AG2@"}}""" },
        Ok(114, "delete the rule", ProjA, "DELETE", Rules + "/@RAG@", null, 204),
        Err(115, "delete, still used by the IPv6 rule", ProjA, "DELETE", Ags + "/@AG1@", null, 409,
            "AddressGroupInUse", "Address group @AG1@ is in use on one or more security group rules."),
        Ok(116, "delete the IPv6 rule", ProjA, "DELETE", Rules + "/@RAG6@", null, 204),
        Ok(117, "delete the address group", ProjA, "DELETE", Ags + "/@AG1@", null, 204),
        Err(118, "delete it again", ProjA, "DELETE", Ags + "/@AG1@", null, 404, "AddressGroupNotFound", "Address group @AG1@ could not be found."),
        Err(119, "show it", ProjA, "GET", Ags + "/@AG1@", null, 404, "AddressGroupNotFound", "Address group @AG1@ could not be found."),
        Err(120, "delete, not a uuid", ProjA, "DELETE", Ags + "/not-a-uuid", null, 404, "AddressGroupNotFound", "Address group not-a-uuid could not be found."),
        Ok(121, "delete A's rule to AG2", ProjA, "DELETE", Rules + "/@RAG2@", null, 204),
        Err(122, "delete AG2, used by the admin's rule in B's group", ProjA, "DELETE", Ags + "/@AG2@", null, 409,
            "AddressGroupInUse", "Address group @AG2@ is in use on one or more security group rules."),
        Ok(123, "delete a security group holding an address-group rule", Admin, "DELETE", Sgs + "/@BWEB@", null, 204),
        Ok(124, "delete AG2 (its rule went with the group)", ProjA, "DELETE", Ags + "/@AG2@", null, 204),
        Ok(125, "admin deletes B's address group", Admin, "DELETE", Ags + "/@AGB@", null, 204),
        Ok(126, "quota: no address_group quota", ProjA, "GET", "/v2.0/quotas/@A@", null, 200) with
        {
            Exact = true,
            Expect = """{"quota": {"network": 100, "subnet": 100, "subnetpool": -1, "port": 500, "rbac_policy": 10, "security_group": 10, "security_group_rule": 100}}""",
        },
        Ok(127, "extensions: address-group", ProjA, "GET", "/v2.0/extensions", null, 200) with
        {
            Check = (body, _, where) =>
            {
                var byAlias = body!["extensions"]!.AsArray().ToDictionary(e => (string)e!["alias"]!);
                Assert.True(JsonNode.DeepEquals(byAlias["address-group"], JsonNode.Parse(
                    """{"name": "Address group", "alias": "address-group", "description": "Support address group", "updated": "2020-07-15T10:00:00-00:00", "links": []}""")), where);
                Assert.True(JsonNode.DeepEquals(byAlias["security-groups-remote-address-group"], JsonNode.Parse(
                    """{"name": "Remote address group id field for security group rules", "alias": "security-groups-remote-address-group", "description": "Add new field of remote address group id in SG rules", "updated": "2020-08-25T10:00:00-00:00", "links": []}""")), where);
            },
        },
    ];
}
