namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>One recorded request of <see cref="FidelityObservations"/> and the NeutronError it got.</summary>
public sealed record FidelityRow(int N, string Case, string Who, string Method, string Path, string? Body, int Status, string Type, string Message)
{
    /// <summary>Sent as <c>If-Match</c>.</summary>
    public string? IfMatch { get; init; }

    /// <summary>Ours, not the reference's answer (see the comment on the row).</summary>
    public bool Delta { get; init; }
}

/// <summary>
/// What the reference Neutron (Zed, python3-neutron 21.0.0, headers auth, SQLite, port 9704) answered on 2026-12-07 to
/// the requests behind issue #14's API fidelity fixes, in our own form: another tenant's rule (the generic
/// <c>HTTPNotFound</c>, not a typed not-found), request bodies whose resource is not an object (Neutron's
/// prepare_request_body: "Object 'x' contains invalid data", "Unable to find 'x' in request body", "Resource body
/// required", "Body contains invalid data"), and <c>If-Match</c>. projA → memberA, projB → memberB. Placeholders:
/// @SG@ A's group 'webA', @R@ its rule (tcp 22 from 10.0.0.0/8), @AG@ A's address group 'office' (10.0.0.0/8),
/// @IF@ A's group 'If' and @IFREV@ its revision after its create (1 in the reference, whose new group has two rules).
/// <para>
/// Rows marked <see cref="FidelityRow.Delta"/> answer what we answer, deliberately: Zed fails with 500
/// ("module 'sqlalchemy.orm.exc' has no attribute 'BadRequest'", its revision plugin has no address-group model) on an
/// address-group update carrying <c>If-Match</c>, matching or not, and ignores <c>If-Match</c> on an address-group
/// delete (204); here both check it as for groups (412 <c>RevisionNumberConstraintFailed</c>).
/// Not replayed: a project reader deleting a rule (Zed: 204; here 403, readers read only), a bulk port create (Zed
/// parses it; not implemented here), <c>{"quota": "x"}</c> (Zed: 500).
/// </para>
/// </summary>
public static class FidelityObservations
{
    public const string ProjA = "projA";
    public const string ProjB = "projB";
    public const string ReaderA = "readerA";
    public const string Admin = "admin";

    private const string Ags = "/v2.0/address-groups";
    private const string Rules = "/v2.0/security-group-rules";
    private const string Sgs = "/v2.0/security-groups";
    private const string Ports = "/v2.0/ports";

    public static IReadOnlyList<FidelityRow> Rows { get; } =
    [
        new(1, "delete another tenant's rule", ProjB, "DELETE", Rules + "/@R@", null, 404, "HTTPNotFound", "The resource could not be found."),
        new(2, "show another tenant's rule", ProjB, "GET", Rules + "/@R@", null, 404, "HTTPNotFound", "The resource could not be found."),
        new(3, "delete a missing rule", ProjA, "DELETE", Rules + "/00000000-0000-0000-0000-000000000000", null, 404, "SecurityGroupRuleNotFound", "Security group rule 00000000-0000-0000-0000-000000000000 does not exist"),
        new(4, "delete another tenant's group", ProjB, "DELETE", Sgs + "/@SG@", null, 404, "SecurityGroupNotFound", "Security group @SG@ does not exist"),
        new(5, "delete another tenant's address group", ProjB, "DELETE", Ags + "/@AG@", null, 404, "AddressGroupNotFound", "Address group @AG@ could not be found."),
        new(6, "create, security_group is \"x\"", ProjA, "POST", Sgs, "{\"security_group\": \"x\"}", 400, "HTTPBadRequest", "Object 'security_group' contains invalid data"),
        new(7, "create, security_group is []", ProjA, "POST", Sgs, "{\"security_group\": []}", 400, "HTTPBadRequest", "Object 'security_group' contains invalid data"),
        new(8, "create, security_group is 1", ProjA, "POST", Sgs, "{\"security_group\": 1}", 400, "HTTPBadRequest", "Object 'security_group' contains invalid data"),
        new(9, "create, security_group is null", ProjA, "POST", Sgs, "{\"security_group\": null}", 400, "HTTPBadRequest", "Unable to find 'security_group' in request body"),
        new(10, "create, security_group is true", ProjA, "POST", Sgs, "{\"security_group\": true}", 400, "HTTPBadRequest", "Object 'security_group' contains invalid data"),
        new(11, "create, security_group is [\"a\"]", ProjA, "POST", Sgs, "{\"security_group\": [\"a\"]}", 400, "HTTPBadRequest", "Object 'security_group' contains invalid data"),
        new(12, "create, security_group_rule is \"x\"", ProjA, "POST", Rules, "{\"security_group_rule\": \"x\"}", 400, "HTTPBadRequest", "Object 'security_group_rule' contains invalid data"),
        new(13, "create, security_group_rule is []", ProjA, "POST", Rules, "{\"security_group_rule\": []}", 400, "HTTPBadRequest", "Object 'security_group_rule' contains invalid data"),
        new(14, "create, security_group_rule is 1", ProjA, "POST", Rules, "{\"security_group_rule\": 1}", 400, "HTTPBadRequest", "Object 'security_group_rule' contains invalid data"),
        new(15, "create, security_group_rule is null", ProjA, "POST", Rules, "{\"security_group_rule\": null}", 400, "HTTPBadRequest", "Unable to find 'security_group_rule' in request body"),
        new(16, "create, security_group_rule is true", ProjA, "POST", Rules, "{\"security_group_rule\": true}", 400, "HTTPBadRequest", "Object 'security_group_rule' contains invalid data"),
        new(17, "create, security_group_rule is [\"a\"]", ProjA, "POST", Rules, "{\"security_group_rule\": [\"a\"]}", 400, "HTTPBadRequest", "Object 'security_group_rule' contains invalid data"),
        new(18, "create, port is \"x\"", ProjA, "POST", Ports, "{\"port\": \"x\"}", 400, "HTTPBadRequest", "Object 'port' contains invalid data"),
        new(19, "create, port is []", ProjA, "POST", Ports, "{\"port\": []}", 400, "HTTPBadRequest", "Object 'port' contains invalid data"),
        new(20, "create, port is 1", ProjA, "POST", Ports, "{\"port\": 1}", 400, "HTTPBadRequest", "Object 'port' contains invalid data"),
        new(21, "create, port is null", ProjA, "POST", Ports, "{\"port\": null}", 400, "HTTPBadRequest", "Unable to find 'port' in request body"),
        new(22, "create, port is true", ProjA, "POST", Ports, "{\"port\": true}", 400, "HTTPBadRequest", "Object 'port' contains invalid data"),
        new(23, "create, port is [\"a\"]", ProjA, "POST", Ports, "{\"port\": [\"a\"]}", 400, "HTTPBadRequest", "Object 'port' contains invalid data"),
        new(24, "create, address_group is \"x\"", ProjA, "POST", Ags, "{\"address_group\": \"x\"}", 400, "HTTPBadRequest", "Object 'address_group' contains invalid data"),
        new(25, "create, address_group is []", ProjA, "POST", Ags, "{\"address_group\": []}", 400, "HTTPBadRequest", "Object 'address_group' contains invalid data"),
        new(26, "create, address_group is 1", ProjA, "POST", Ags, "{\"address_group\": 1}", 400, "HTTPBadRequest", "Object 'address_group' contains invalid data"),
        new(27, "create, address_group is null", ProjA, "POST", Ags, "{\"address_group\": null}", 400, "HTTPBadRequest", "Unable to find 'address_group' in request body"),
        new(28, "create, address_group is true", ProjA, "POST", Ags, "{\"address_group\": true}", 400, "HTTPBadRequest", "Object 'address_group' contains invalid data"),
        new(29, "create, address_group is [\"a\"]", ProjA, "POST", Ags, "{\"address_group\": [\"a\"]}", 400, "HTTPBadRequest", "Object 'address_group' contains invalid data"),
        new(30, "update, security_group is \"x\"", ProjA, "PUT", Sgs + "/@SG@", "{\"security_group\": \"x\"}", 400, "HTTPBadRequest", "Object 'security_group' contains invalid data"),
        new(31, "update, security_group is []", ProjA, "PUT", Sgs + "/@SG@", "{\"security_group\": []}", 400, "HTTPBadRequest", "Object 'security_group' contains invalid data"),
        new(32, "update, security_group is null", ProjA, "PUT", Sgs + "/@SG@", "{\"security_group\": null}", 400, "HTTPBadRequest", "Unable to find 'security_group' in request body"),
        new(33, "update, address_group is \"x\"", ProjA, "PUT", Ags + "/@AG@", "{\"address_group\": \"x\"}", 400, "HTTPBadRequest", "Object 'address_group' contains invalid data"),
        new(34, "update, address_group is []", ProjA, "PUT", Ags + "/@AG@", "{\"address_group\": []}", 400, "HTTPBadRequest", "Object 'address_group' contains invalid data"),
        new(35, "update, address_group is null", ProjA, "PUT", Ags + "/@AG@", "{\"address_group\": null}", 400, "HTTPBadRequest", "Unable to find 'address_group' in request body"),
        new(36, "bulk create, item not an object", ProjA, "POST", Sgs, "{\"security_groups\": [\"x\"]}", 400, "HTTPBadRequest", "Object 'security_group' contains invalid data"),
        new(37, "bulk create rules, item not an object", ProjA, "POST", Rules, "{\"security_group_rules\": [\"x\"]}", 400, "HTTPBadRequest", "Object 'security_group_rule' contains invalid data"),
        new(38, "create, body is \"x\"", ProjA, "POST", Sgs, "\"x\"", 400, "HTTPBadRequest", "Body contains invalid data"),
        new(39, "create, body is []", ProjA, "POST", Sgs, "[]", 400, "HTTPBadRequest", "Resource body required"),
        new(40, "create, body is null", ProjA, "POST", Sgs, "null", 400, "HTTPBadRequest", "Resource body required"),
        new(41, "create, body is 1", ProjA, "POST", Sgs, "1", 400, "HTTPBadRequest", "Body contains invalid data"),
        new(42, "create, body is [{\"name\": \"a\"}]", ProjA, "POST", Sgs, "[{\"name\": \"a\"}]", 400, "HTTPBadRequest", "Body contains invalid data"),
        new(43, "bulk create, item null", ProjA, "POST", Sgs, "{\"security_groups\": [null]}", 400, "HTTPBadRequest", "Body contains invalid data"),
        new(44, "bulk create, list is a string", ProjA, "POST", Sgs, "{\"security_groups\": \"x\"}", 400, "HTTPBadRequest", "Object 'security_group' contains invalid data"),
        new(45, "create port, body {}", ProjA, "POST", Ports, "{}", 400, "HTTPBadRequest", "Unable to find 'port' in request body"),
        new(46, "create group, body {}", ProjA, "POST", Sgs, "{}", 400, "HTTPBadRequest", "Resource body required"),
        new(47, "create address group, body {}", ProjA, "POST", Ags, "{}", 400, "HTTPBadRequest", "Resource body required"),
        new(48, "create group, body empty string", ProjA, "POST", Sgs, "\"\"", 400, "HTTPBadRequest", "Resource body required"),
        new(49, "create group, body 0", ProjA, "POST", Sgs, "0", 400, "HTTPBadRequest", "Resource body required"),
        new(50, "bulk, list is a number", ProjA, "POST", Sgs, "{\"security_groups\": 1}", 400, "HTTPBadRequest", "Body contains invalid data"),
        new(51, "bulk, list is an object", ProjA, "POST", Sgs, "{\"security_groups\": {\"a\": 1}}", 400, "HTTPBadRequest", "Object 'security_group' contains invalid data"),
        new(52, "bulk, item a number", ProjA, "POST", Sgs, "{\"security_groups\": [1]}", 400, "HTTPBadRequest", "Body contains invalid data"),
        new(53, "bulk, item a list", ProjA, "POST", Sgs, "{\"security_groups\": [[]]}", 400, "HTTPBadRequest", "Object 'security_group' contains invalid data"),
        // If-Match (run 2 of the recording).
        new(54, "address group update, If-Match not a number", ProjA, "PUT", Ags + "/@AG@", "{\"address_group\": {\"name\": \"lab3\"}}", 400, "BadRequest",
            "Bad if-match request: Revision number etag must be in the format of revision_number=<int>.") { IfMatch = "revision_number=abc" },
        new(55, "group update with a stale If-Match", ProjA, "PUT", Sgs + "/@IF@", "{\"security_group\": {\"name\": \"If2\"}}", 412, "RevisionNumberConstraintFailed",
            "Constrained to 99, but current revision is @IFREV@") { IfMatch = "revision_number=99" },
        // Delta: Zed answers 500 HTTPInternalServerError "Request Failed: internal server error while processing your request."
        new(56, "address group update with a stale If-Match", ProjA, "PUT", Ags + "/@AG@", "{\"address_group\": {\"name\": \"office2\"}}", 412, "RevisionNumberConstraintFailed",
            "Constrained to 99, but current revision is 1") { IfMatch = "revision_number=99", Delta = true },
        // Delta: Zed answers 204 (it ignores If-Match on this delete).
        new(57, "address group delete with a stale If-Match", ProjA, "DELETE", Ags + "/@AG@", null, 412, "RevisionNumberConstraintFailed",
            "Constrained to 99, but current revision is 1") { IfMatch = "revision_number=99", Delta = true },
    ];
}
