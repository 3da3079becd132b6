using System.Text.Json.Nodes;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// What the reference Neutron (Zed, python3-neutron 21.0.0, headers auth, SQLite, service plugin <c>tag</c>) answered
/// to tag requests on security groups and rules and to the tag list filters, recorded on 2026-12-07 (84 + 9 requests
/// in two runs) and kept here in our own form, in order, as <see cref="ReplayRow"/>s: projA → memberA, projB → memberB,
/// a project reader → readerA, admin → cloudAdmin; ids are placeholders filled from earlier answers (@SG@ 'web',
/// @SGB@ B's 'bweb', @SG2@ 'db', @R1@ a rule of 'web'). "obs n" is the request's number in the recording. Rows whose
/// answer is ours, not the reference's, say "Delta":
/// <list type="bullet">
/// <item>readers may not change tags (newer Neutron's policies; Zed let any role of the project): 403
/// PolicyNotAuthorized;</item>
/// <item><c>POST …/tags</c> adds several tags (Neutron 2024.2); Zed answers 404 "not supported";</item>
/// <item>rules carry tags and can be filtered by them (newer Neutron); Zed answers 404 and 400;</item>
/// <item>rule answers carry <c>tags</c>.</item>
/// </list>
/// List rows compare the names of the groups answered (as a set unless sorted); the reference's default group is
/// there as ours is.
/// </summary>
public static class TagObservations
{
    public const string ProjA = "projA";
    public const string ProjB = "projB";
    public const string ReaderA = "readerA";
    public const string Admin = "admin";

    private const string Sgs = "/v2.0/security-groups";

    private static ReplayRow Err(int n, string @case, string who, string method, string path, string? body, int status, string type, string message) =>
        new(n, @case, who, method, path, body, status, type, message);

    private static ReplayRow Ok(int n, string @case, string who, string method, string path, string? body, int status) =>
        new(n, @case, who, method, path, body, status);

    private static Action<JsonNode?, Dictionary<string, string>> Keep(string name, string key) =>
        (body, vars) => vars[name] = (string)body![key]!["id"]!;

    /// <summary>The groups answered have these names (in this order when <paramref name="ordered"/>).</summary>
    private static Action<JsonNode?, Dictionary<string, string>, string> Names(bool ordered, params string[] names) => (body, vars, where) =>
    {
        var actual = body!["security_groups"]!.AsArray().Select(g => (string)g!["name"]!).ToList();
        var same = ordered ? actual.SequenceEqual(names) : actual.Order(StringComparer.Ordinal).SequenceEqual(names.Order(StringComparer.Ordinal));
        Assert.True(same, $"{where}: names {string.Join(", ", actual)}, expected {string.Join(", ", names)}");
    };

    /// <summary>A page with these names and links of these relations, the next one after its last group.</summary>
    private static Action<JsonNode?, Dictionary<string, string>, string> Paged(string[] names, params string[] rels) => (body, vars, where) =>
    {
        Names(true, names)(body, vars, where);
        var links = body!["security_groups_links"]!.AsArray();
        Assert.True(links.Select(l => (string)l!["rel"]!).SequenceEqual(rels), $"{where}: links");
        var last = (string)body["security_groups"]!.AsArray()[^1]!["id"]!;
        Assert.Contains("marker=" + last, (string)links[0]!["href"]!, StringComparison.Ordinal);
    };

    public static IReadOnlyList<ReplayRow> Rows { get; } =
    [
        Ok(1, "create 'web'", ProjA, "POST", Sgs, """{"security_group": {"name": "web"}}""", 201) with { Capture = Keep("SG", "security_group") },
        Ok(2, "create 'bweb' in B", ProjB, "POST", Sgs, """{"security_group": {"name": "bweb"}}""", 201) with { Capture = Keep("SGB", "security_group") },
        Ok(3, "create a rule in 'web'", ProjA, "POST", "/v2.0/security-group-rules", """{"security_group_rule": {"security_group_id": "@SG@", "direction": "ingress", "protocol": "tcp", "port_range_min": 22, "port_range_max": 22}}""", 201) with { Capture = Keep("R1", "security_group_rule") },
        Ok(4, "list, none yet", ProjA, "GET", "/v2.0/security-groups/@SG@/tags", null, 200) with { Expect = "{\"tags\": []}", Exact = true }, // obs 4
        Ok(5, "replace all (request order echoed)", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags", "{\"tags\":[\"red\",\"blue\"]}", 200) with { Expect = "{\"tags\": [\"red\", \"blue\"]}", Exact = true }, // obs 5
        Ok(6, "list, ordinal order", ProjA, "GET", "/v2.0/security-groups/@SG@/tags", null, 200) with { Expect = "{\"tags\": [\"blue\", \"red\"]}", Exact = true }, // obs 6
        Ok(7, "show group carries its tags", ProjA, "GET", "/v2.0/security-groups/@SG@", null, 200) with { Expect = "{\"security_group\": {\"tags\": [\"blue\", \"red\"]}}" }, // obs 7
        Ok(8, "add one", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags/green", null, 201), // obs 8
        Ok(9, "add one again", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags/green", null, 201), // obs 9
        Ok(10, "check present", ProjA, "GET", "/v2.0/security-groups/@SG@/tags/green", null, 204), // obs 10
        Err(11, "check absent", ProjA, "GET", "/v2.0/security-groups/@SG@/tags/nope", null, 404, "TagNotFound", "Tag nope could not be found."), // obs 11
        Err(12, "remove absent", ProjA, "DELETE", "/v2.0/security-groups/@SG@/tags/nope", null, 404, "TagNotFound", "Tag nope could not be found."), // obs 12
        Ok(13, "remove one", ProjA, "DELETE", "/v2.0/security-groups/@SG@/tags/green", null, 204), // obs 13
        Ok(14, "add several (POST)", ProjA, "POST", "/v2.0/security-groups/@SG@/tags", "{\"tags\":[\"x1\",\"x2\"]}", 201) with { Expect = "{\"tags\": [\"blue\", \"red\", \"x1\", \"x2\"]}", Exact = true }, // obs 14; Delta: POST …/tags (add several, Neutron 2024.2); Zed answers 404 'not supported'
        Ok(15, "add several, one already there", ProjA, "POST", "/v2.0/security-groups/@SG@/tags", "{\"tags\":[\"x1\",\"x3\"]}", 201) with { Expect = "{\"tags\": [\"blue\", \"red\", \"x1\", \"x2\", \"x3\"]}", Exact = true }, // obs 15; Delta: POST …/tags (add several, Neutron 2024.2); Zed answers 404 'not supported'
        Ok(16, "list after POSTs", ProjA, "GET", "/v2.0/security-groups/@SG@/tags", null, 200) with { Expect = "{\"tags\": [\"blue\", \"red\", \"x1\", \"x2\", \"x3\"]}", Exact = true }, // obs 16; Delta: holds the POSTed tags (Zed: blue, red)
        Err(17, "replace, duplicates", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags", "{\"tags\":[\"a\",\"a\"]}", 400, "InvalidInput", "Invalid input for operation: Duplicate items in the list: 'a'."), // obs 17
        Err(18, "replace, a string", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags", "{\"tags\":\"abc\"}", 400, "InvalidInput", "Invalid input for operation: 'abc' is not a list."), // obs 18
        Err(19, "replace, null", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags", "{\"tags\":null}", 400, "InvalidInput", "Invalid input for operation: 'None' is not a list."), // obs 19
        Err(20, "replace, true", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags", "{\"tags\":true}", 400, "InvalidInput", "Invalid input for operation: 'True' is not a list."), // obs 20
        Err(21, "replace, an object", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags", "{\"tags\":{\"a\":1}}", 400, "InvalidInput", "Invalid input for operation: '{'a': 1}' is not a list."), // obs 21
        Err(22, "replace, a number item", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags", "{\"tags\":[1]}", 400, "InvalidInput", "Invalid input for operation: '1' is not a valid string."), // obs 22
        Err(23, "replace, a null item", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags", "{\"tags\":[null]}", 400, "InvalidInput", "Invalid input for operation: 'None' is not a valid string."), // obs 23
        Err(24, "replace, duplicates before types", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags", "{\"tags\":[\"ok\", 5, 5]}", 400, "InvalidInput", "Invalid input for operation: Duplicate items in the list: '5'."), // obs 24
        Err(25, "replace, no tags key", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags", "{\"tag\":[\"a\"]}", 400, "InvalidInput", "Invalid input for operation: Invalid tags body."), // obs 25
        Err(26, "replace, a list body", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags", "[\"a\"]", 400, "InvalidInput", "Invalid input for operation: Invalid tags body."), // obs 26
        Err(27, "replace, empty object", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags", "{}", 400, "InvalidInput", "Invalid input for operation: Invalid tags body."), // obs 27
        Err(28, "replace, 256 characters", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags", "{\"tags\": [\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"]}", 400, "InvalidInput", "Invalid input for operation: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' exceeds maximum length of 255."), // obs 28
        Ok(29, "replace, 255 characters", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags", "{\"tags\": [\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"]}", 200) with { Expect = "{\"tags\": [\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"]}", Exact = true }, // obs 29
        Err(30, "add one, 256 characters", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags/yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy", null, 400, "InvalidInput", "Invalid input for operation: 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy' exceeds maximum length of 255."), // obs 30
        Ok(31, "replace, empty tag", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags", "{\"tags\":[\"\"]}", 200) with { Expect = "{\"tags\": [\"\"]}", Exact = true }, // obs 31
        Ok(32, "list, empty tag", ProjA, "GET", "/v2.0/security-groups/@SG@/tags", null, 200) with { Expect = "{\"tags\": [\"\"]}", Exact = true }, // obs 32
        Ok(33, "replace, comma, slash, spaces", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags", "{\"tags\":[\"a,b\",\"c/d\",\" sp \"]}", 200) with { Expect = "{\"tags\": [\"a,b\", \"c/d\", \" sp \"]}", Exact = true }, // obs 33
        Ok(34, "list, ordinal order", ProjA, "GET", "/v2.0/security-groups/@SG@/tags", null, 200) with { Expect = "{\"tags\": [\" sp \", \"a,b\", \"c/d\"]}", Exact = true }, // obs 34
        Ok(35, "add one, encoded comma", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags/a%2Cb2", null, 201), // obs 35
        Err(36, "add one, encoded slash", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags/c%2Fd2", null, 404, "HTTPNotFound", "The resource could not be found."), // obs 36
        Ok(37, "list after encoded comma", ProjA, "GET", "/v2.0/security-groups/@SG@/tags", null, 200) with { Expect = "{\"tags\": [\" sp \", \"a,b\", \"a,b2\", \"c/d\"]}", Exact = true }, // obs 37
        Ok(38, "add one, a space", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags/%20", null, 201), // obs 38
        Err(39, "add several, a string", ProjA, "POST", "/v2.0/security-groups/@SG@/tags", "{\"tags\":\"abc\"}", 400, "InvalidInput", "Invalid input for operation: 'abc' is not a list."), // obs 39; Delta: POST …/tags (add several, Neutron 2024.2); Zed answers 404 'not supported'
        Err(40, "add several, no tags key", ProjA, "POST", "/v2.0/security-groups/@SG@/tags", "{}", 400, "InvalidInput", "Invalid input for operation: Invalid tags body."), // obs 40; Delta: POST …/tags (add several, Neutron 2024.2); Zed answers 404 'not supported'
        Ok(41, "remove all", ProjA, "DELETE", "/v2.0/security-groups/@SG@/tags", null, 204), // obs 41
        Ok(42, "list after remove all", ProjA, "GET", "/v2.0/security-groups/@SG@/tags", null, 200) with { Expect = "{\"tags\": []}", Exact = true }, // obs 42
        Ok(43, "replace with three", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags", "{\"tags\":[\"red\",\"blue\",\"green\"]}", 200) with { Expect = "{\"tags\": [\"red\", \"blue\", \"green\"]}", Exact = true }, // obs 43
        Ok(44, "show group after replace", ProjA, "GET", "/v2.0/security-groups/@SG@", null, 200) with { Expect = "{\"security_group\": {\"tags\": [\"blue\", \"green\", \"red\"]}}" }, // obs 44
        Ok(45, "reader lists", ReaderA, "GET", "/v2.0/security-groups/@SG@/tags", null, 200) with { Expect = "{\"tags\": [\"blue\", \"green\", \"red\"]}", Exact = true }, // obs 45
        Ok(46, "reader checks", ReaderA, "GET", "/v2.0/security-groups/@SG@/tags/red", null, 204), // obs 46
        Err(47, "reader adds one", ReaderA, "PUT", "/v2.0/security-groups/@SG@/tags/x", null, 403, "PolicyNotAuthorized", "rule:update_security_groups_tags is disallowed by policy"), // obs 47; Delta: readers may not change tags (newer Neutron's policies; Zed let any role of the project)
        Err(48, "reader replaces", ReaderA, "PUT", "/v2.0/security-groups/@SG@/tags", "{\"tags\":[\"x\"]}", 403, "PolicyNotAuthorized", "rule:update_security_groups_tags is disallowed by policy"), // obs 48; Delta: readers may not change tags (newer Neutron's policies; Zed let any role of the project)
        Err(49, "reader adds several", ReaderA, "POST", "/v2.0/security-groups/@SG@/tags", "{\"tags\":[\"x\"]}", 403, "PolicyNotAuthorized", "rule:create_security_groups_tags is disallowed by policy"), // obs 49; Delta: POST …/tags (add several, Neutron 2024.2); Zed answers 404 'not supported' and readers may not change tags
        Err(50, "reader removes one", ReaderA, "DELETE", "/v2.0/security-groups/@SG@/tags/red", null, 403, "PolicyNotAuthorized", "rule:delete_security_groups_tags is disallowed by policy"), // obs 50; Delta: readers may not change tags (newer Neutron's policies; Zed let any role of the project)
        Err(51, "reader removes all", ReaderA, "DELETE", "/v2.0/security-groups/@SG@/tags", null, 403, "PolicyNotAuthorized", "rule:delete_security_groups_tags is disallowed by policy"), // obs 51; Delta: readers may not change tags (newer Neutron's policies; Zed let any role of the project)
        Err(52, "other project lists", ProjB, "GET", "/v2.0/security-groups/@SG@/tags", null, 404, "TagResourceNotFound", "Resource security_groups @SG@ could not be found."), // obs 52
        Err(53, "other project checks", ProjB, "GET", "/v2.0/security-groups/@SG@/tags/red", null, 404, "TagResourceNotFound", "Resource security_groups @SG@ could not be found."), // obs 53
        Err(54, "other project adds one", ProjB, "PUT", "/v2.0/security-groups/@SG@/tags/x", null, 404, "TagResourceNotFound", "Resource security_groups @SG@ could not be found."), // obs 54
        Err(55, "other project replaces", ProjB, "PUT", "/v2.0/security-groups/@SG@/tags", "{\"tags\":[\"x\"]}", 404, "TagResourceNotFound", "Resource security_groups @SG@ could not be found."), // obs 55
        Err(56, "other project adds several", ProjB, "POST", "/v2.0/security-groups/@SG@/tags", "{\"tags\":[\"x\"]}", 404, "TagResourceNotFound", "Resource security_groups @SG@ could not be found."), // obs 56; Delta: POST …/tags (add several, Neutron 2024.2); Zed answers 404 'not supported'
        Err(57, "other project removes one", ProjB, "DELETE", "/v2.0/security-groups/@SG@/tags/red", null, 404, "TagResourceNotFound", "Resource security_groups @SG@ could not be found."), // obs 57
        Err(58, "other project removes all", ProjB, "DELETE", "/v2.0/security-groups/@SG@/tags", null, 404, "TagResourceNotFound", "Resource security_groups @SG@ could not be found."), // obs 58
        Err(59, "unknown group lists", ProjA, "GET", "/v2.0/security-groups/00000000-0000-0000-0000-000000000000/tags", null, 404, "TagResourceNotFound", "Resource security_groups 00000000-0000-0000-0000-000000000000 could not be found."), // obs 59
        Err(60, "unknown group adds one", ProjA, "PUT", "/v2.0/security-groups/00000000-0000-0000-0000-000000000000/tags/x", null, 404, "TagResourceNotFound", "Resource security_groups 00000000-0000-0000-0000-000000000000 could not be found."), // obs 60
        Err(61, "unknown group replaces", ProjA, "PUT", "/v2.0/security-groups/00000000-0000-0000-0000-000000000000/tags", "{\"tags\":[\"x\"]}", 404, "TagResourceNotFound", "Resource security_groups 00000000-0000-0000-0000-000000000000 could not be found."), // obs 61
        Err(62, "unknown group, bad body first", ProjA, "PUT", "/v2.0/security-groups/00000000-0000-0000-0000-000000000000/tags", "{\"tags\":\"bad\"}", 400, "InvalidInput", "Invalid input for operation: 'bad' is not a list."), // obs 62
        Ok(63, "cloud admin tags B's group", Admin, "PUT", "/v2.0/security-groups/@SGB@/tags/admintag", null, 201), // obs 63
        Ok(64, "cloud admin lists B's tags", Admin, "GET", "/v2.0/security-groups/@SGB@/tags", null, 200) with { Expect = "{\"tags\": [\"admintag\"]}", Exact = true }, // obs 64
        Ok(65, "B sees the admin's tag", ProjB, "GET", "/v2.0/security-groups/@SGB@", null, 200) with { Expect = "{\"security_group\": {\"tags\": [\"admintag\"]}}" }, // obs 65
        Ok(66, "rule tags list", ProjA, "GET", "/v2.0/security-group-rules/@R1@/tags", null, 200) with { Expect = "{\"tags\": []}", Exact = true }, // obs 66; Delta: rules carry tags (newer Neutron); Zed answers 404 HTTPNotFound
        Ok(67, "rule tag add", ProjA, "PUT", "/v2.0/security-group-rules/@R1@/tags/x", null, 201), // obs 67; Delta: rules carry tags (newer Neutron); Zed answers 404 HTTPNotFound
        Ok(68, "rule show", ProjA, "GET", "/v2.0/security-group-rules/@R1@", null, 200) with { Expect = """{"security_group_rule": {"tags": ["x"]}}""" }, // obs 68
        Ok(69, "create 'db'", ProjA, "POST", Sgs, """{"security_group": {"name": "db"}}""", 201) with { Capture = Keep("SG2", "security_group") },
        Ok(70, "tag 'db' red, db", ProjA, "PUT", "/v2.0/security-groups/@SG2@/tags", "{\"tags\":[\"red\",\"db\"]}", 200) with { Expect = "{\"tags\": [\"red\", \"db\"]}", Exact = true, Setup = [("DELETE", "/v2.0/security-groups/@SG@/tags", null, 204)] }, // obs 70; setup: member A removes all of web's tags, as the reader did on the reference (obs 51)
        Ok(71, "list tags=red", ProjA, "GET", "/v2.0/security-groups?tags=red", null, 200) with { Check = Names(false, "db") }, // obs 71
        Ok(72, "list tags=red,blue", ProjA, "GET", "/v2.0/security-groups?tags=red,blue", null, 200) with { Check = Names(false) }, // obs 72
        Ok(73, "list tags=red&tags=db", ProjA, "GET", "/v2.0/security-groups?tags=red&tags=db", null, 200) with { Check = Names(false, "db") }, // obs 73
        Ok(74, "list tags-any=blue,db", ProjA, "GET", "/v2.0/security-groups?tags-any=blue,db", null, 200) with { Check = Names(false, "db") }, // obs 74
        Ok(75, "list not-tags=red", ProjA, "GET", "/v2.0/security-groups?not-tags=red", null, 200) with { Check = Names(false, "web", "default") }, // obs 75
        Ok(76, "list not-tags=red,blue", ProjA, "GET", "/v2.0/security-groups?not-tags=red,blue", null, 200) with { Check = Names(false, "web", "default", "db") }, // obs 76
        Ok(77, "list not-tags-any=blue,db", ProjA, "GET", "/v2.0/security-groups?not-tags-any=blue,db", null, 200) with { Check = Names(false, "web", "default") }, // obs 77
        Ok(78, "list tags=nope", ProjA, "GET", "/v2.0/security-groups?tags=nope", null, 200) with { Check = Names(false) }, // obs 78
        Ok(79, "list tags=", ProjA, "GET", "/v2.0/security-groups?tags=", null, 200) with { Check = Names(false) }, // obs 79
        Ok(80, "list tags=red&name=db", ProjA, "GET", "/v2.0/security-groups?tags=red&name=db", null, 200) with { Check = Names(false, "db") }, // obs 80
        Ok(81, "list tags=red&sort_key=name&sort_dir=desc", ProjA, "GET", "/v2.0/security-groups?tags=red&sort_key=name&sort_dir=desc", null, 200) with { Check = Names(true, "db") }, // obs 81
        Ok(82, "list tags=red&limit=1", ProjA, "GET", "/v2.0/security-groups?tags=red&limit=1", null, 200) with { Check = Paged(["db"], "next", "previous") }, // obs 82
        Ok(83, "list tags=red&fields=id&fields=tags", ProjA, "GET", "/v2.0/security-groups?tags=red&fields=id&fields=tags", null, 200) with { Expect = """{"security_groups": [{"id": "@SG2@", "tags": ["db", "red"]}]}""", Exact = true }, // obs 83
        Ok(84, "list tags=red", ProjA, "GET", "/v2.0/security-group-rules?tags=red", null, 200) with { Expect = """{"security_group_rules": []}""", Exact = true }, // obs 84; Delta: rules can be filtered by tag; Zed answers 400
        Ok(85, "tag 'web' red, blue", ProjA, "PUT", "/v2.0/security-groups/@SG@/tags", "{\"tags\":[\"red\",\"blue\"]}", 200) with { Expect = """{"tags": ["red", "blue"]}""", Exact = true }, // run 2
        Ok(86, "list tags=red", ProjA, "GET", "/v2.0/security-groups?tags=red", null, 200) with { Check = Names(false, "web", "db") }, // run 2
        Ok(87, "list tags=red,blue", ProjA, "GET", "/v2.0/security-groups?tags=red,blue", null, 200) with { Check = Names(false, "web") }, // run 2
        Ok(88, "list tags-any=blue,db", ProjA, "GET", "/v2.0/security-groups?tags-any=blue,db", null, 200) with { Check = Names(false, "web", "db") }, // run 2
        Ok(89, "list not-tags=red,blue", ProjA, "GET", "/v2.0/security-groups?not-tags=red,blue", null, 200) with { Check = Names(false, "default", "db") }, // run 2
        Ok(90, "list not-tags-any=db", ProjA, "GET", "/v2.0/security-groups?not-tags-any=db", null, 200) with { Check = Names(false, "web", "default") }, // run 2
        Ok(91, "list tags=red&sort_key=name&sort_dir=desc", ProjA, "GET", "/v2.0/security-groups?tags=red&sort_key=name&sort_dir=desc", null, 200) with { Check = Names(true, "web", "db") }, // run 2
        Ok(92, "list tags=red&sort_key=name&sort_dir=asc&limit=1", ProjA, "GET", "/v2.0/security-groups?tags=red&sort_key=name&sort_dir=asc&limit=1", null, 200) with { Check = Paged(["db"], "next", "previous") }, // run 2
    ];
}
