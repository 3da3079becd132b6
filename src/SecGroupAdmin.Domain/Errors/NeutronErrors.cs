using SecGroupAdmin.Domain.Protocols;

namespace SecGroupAdmin.Domain.Errors;

/// <summary>
/// Factories for every error Neutron gives for security groups and their rules, with the exact
/// type names, statuses and message texts of the reference server (the exception classes of
/// neutron/extensions/securitygroup.py and neutron_lib/exceptions; NeutronErrorsTests pins each text).
/// </summary>
public static class NeutronErrors
{
    // ---- rule semantics (400) ----

    /// <summary>SecurityGroupInvalidPortRange: missing bound or min &gt; max for a port protocol.</summary>
    public static NeutronError InvalidPortRange(string field = "port_range_min") =>
        new(NeutronErrorTypes.SecurityGroupInvalidPortRange,
            "For TCP/UDP protocols, port_range_min must be <= port_range_max", 400, field);

    /// <summary>SecurityGroupInvalidPortValue: "Invalid value for port X".</summary>
    public static NeutronError InvalidPortValue(string portText, string field = "port_range_min") =>
        new(NeutronErrorTypes.SecurityGroupInvalidPortValue, "Invalid value for port " + portText, 400, field);

    /// <summary>SecurityGroupInvalidIcmpValue; <paramref name="field"/> is "type" or "code", <paramref name="attr"/> the port attribute.</summary>
    public static NeutronError InvalidIcmpValue(string field, string attr, string value) =>
        new(NeutronErrorTypes.SecurityGroupInvalidIcmpValue,
            $"Invalid value for ICMP {field} ({attr}) {value}. It must be 0 to 255.", 400, attr);

    /// <summary>SecurityGroupMissingIcmpType: an ICMP code without a type.</summary>
    public static NeutronError MissingIcmpType(string value) =>
        new(NeutronErrorTypes.SecurityGroupMissingIcmpType,
            $"ICMP code (port-range-max) {value} is provided but ICMP type (port-range-min) is missing.",
            400, "port_range_min");

    /// <summary>SecurityGroupInvalidProtocolForPort; the protocol is printed as its number.</summary>
    public static NeutronError InvalidProtocolForPort(string protocolNumberText) =>
        new(NeutronErrorTypes.SecurityGroupInvalidProtocolForPort,
            $"Ports cannot be specified for protocol {protocolNumberText}. Ports are only supported for {IpProtocols.PortProtocolsText}.",
            400, "port_range_min");

    /// <summary>SecurityGroupEthertypeConflictWithProtocol: an IPv6-only protocol under IPv4.</summary>
    public static NeutronError EthertypeConflictWithProtocol(string ethertype, string protocol) =>
        new(NeutronErrorTypes.SecurityGroupEthertypeConflictWithProtocol,
            $"Invalid ethertype {ethertype} for protocol {protocol}.", 400, "ethertype");

    /// <summary>SecurityGroupRuleInvalidProtocol, with the value list exactly as observed on the reference.</summary>
    public static NeutronError InvalidProtocol(string protocolText) =>
        new(NeutronErrorTypes.SecurityGroupRuleInvalidProtocol,
            $"Security group rule protocol {protocolText} not supported. Only protocol values {IpProtocols.ErrorMessageValueList} and integer representations [0 to 255] are supported.",
            400, "protocol");

    /// <summary>SecurityGroupRuleInvalidEtherType.</summary>
    public static NeutronError InvalidEtherType(string text) =>
        new(NeutronErrorTypes.SecurityGroupRuleInvalidEtherType,
            $"Security group rule for ethertype '{text}' not supported. Allowed values are ['IPv4', 'IPv6'].",
            400, "ethertype");

    /// <summary>SecurityGroupRuleParameterConflict: the prefix's IP version differs from the ethertype.</summary>
    public static NeutronError ParameterConflict(string ethertype, string cidr) =>
        new(NeutronErrorTypes.SecurityGroupRuleParameterConflict,
            $"Conflicting value ethertype {ethertype} for CIDR {cidr}", 400, "remote_ip_prefix");

    /// <summary>SecurityGroupMultipleRemoteEntites (sic): more than one remote given.</summary>
    public static NeutronError MultipleRemoteEntities(string field = "remote_group_id") =>
        new(NeutronErrorTypes.SecurityGroupMultipleRemoteEntites,
            "Only one of remote_ip_prefix or remote_group_id or remote_address_group_id may be provided.",
            400, field);

    /// <summary>SecurityGroupProtocolRequiredWithPorts.</summary>
    public static NeutronError ProtocolRequiredWithPorts() =>
        new(NeutronErrorTypes.SecurityGroupProtocolRequiredWithPorts,
            "Must also specify protocol if port range is given.", 400, "protocol");

    /// <summary>SecurityGroupNotSingleGroupRules: a bulk create for several groups.</summary>
    public static NeutronError NotSingleGroupRules() =>
        new(NeutronErrorTypes.SecurityGroupNotSingleGroupRules,
            "Only allowed to update rules for one security profile at a time", 400, "security_group_id");

    /// <summary>SecurityGroupRulesNotSingleProject: a bulk create for several projects.</summary>
    public static NeutronError RulesNotSingleProject() =>
        new(NeutronErrorTypes.SecurityGroupRulesNotSingleProject,
            "Multiple project_ids in bulk security group rule create not allowed", 400, "project_id");

    /// <summary>InvalidCIDR: an unparsable remote_ip_prefix.</summary>
    public static NeutronError InvalidCidr(string input) =>
        new(NeutronErrorTypes.InvalidCidr, $"Invalid CIDR {input} given as IP prefix.", 400, "remote_ip_prefix");

    // ---- not found (404) ----

    /// <summary>SecurityGroupNotFound; use field "remote_group_id" when the remote group is missing.</summary>
    public static NeutronError SecurityGroupNotFound(string id, string? field = "security_group_id") =>
        new(NeutronErrorTypes.SecurityGroupNotFound, $"Security group {id} does not exist", 404, field);

    /// <summary>SecurityGroupRuleNotFound.</summary>
    public static NeutronError SecurityGroupRuleNotFound(string id) =>
        new(NeutronErrorTypes.SecurityGroupRuleNotFound, $"Security group rule {id} does not exist", 404);

    /// <summary>AddressGroupNotFound.</summary>
    public static NeutronError AddressGroupNotFound(string id, string? field = "remote_address_group_id") =>
        new(NeutronErrorTypes.AddressGroupNotFound, $"Address group {id} could not be found.", 404, field);

    /// <summary>AddressesNotFound (404): remove_addresses naming addresses the group does not hold (stored forms).</summary>
    public static NeutronError AddressesNotFound(IEnumerable<string> addresses, string addressGroupId) =>
        new(NeutronErrorTypes.AddressesNotFound,
            $"Addresses {PythonList([.. addresses])} not found in the address group {addressGroupId}.", 404, "addresses");

    /// <summary>DefaultSecurityGroupRuleNotFound (neutron/extensions/security_groups_default_rules.py).</summary>
    public static NeutronError DefaultSecurityGroupRuleNotFound(string id) =>
        new(NeutronErrorTypes.DefaultSecurityGroupRuleNotFound, $"Default Security Group rule {id} does not exist", 404);

    /// <summary>DuplicateRbacPolicy (409): a policy with this object, action and target exists.</summary>
    public static NeutronError DuplicateRbacPolicy() =>
        new(NeutronErrorTypes.DuplicateRbacPolicy, "An RBAC policy already exists with those values.", 409);

    /// <summary>
    /// RbacPolicyNotFound (404): "RBAC policy of type T with ID X not found", T <c>unknown</c> where the reference does not
    /// name it (a policy the caller neither owns nor is the target of, or any delete).
    /// </summary>
    public static NeutronError RbacPolicyNotFound(string id, string? objectType = null) =>
        new(NeutronErrorTypes.RbacPolicyNotFound, $"RBAC policy of type {objectType ?? "unknown"} with ID {id} not found", 404);

    /// <summary>
    /// RbacPolicyInUse (409): a project the policy grants (<paramref name="target"/>: its target, <c>*</c> too) still uses
    /// the object (a port with the group, a rule with the address group). The reference wraps the same text in its
    /// callback's name; this is the text without it.
    /// </summary>
    public static NeutronError RbacPolicyInUse(string objectId, string target) =>
        new(NeutronErrorTypes.RbacPolicyInUse,
            $"RBAC policy on object {objectId} cannot be removed because other objects depend on it.\nDetails: project_id={target}", 409);

    /// <summary>InvalidActionForType (400): the only action of security and address groups is <c>access_as_shared</c>.</summary>
    public static NeutronError InvalidActionForType(string action, string objectType) =>
        new(NeutronErrorTypes.InvalidActionForType,
            $"Invalid action '{action}' for object type '{objectType}'. Valid actions: ('access_as_shared',)", 400);

    /// <summary>HTTPNotFound: the generic 404 (unknown path, or another project's rule).</summary>
    public static NeutronError NotFound() =>
        new(NeutronErrorTypes.HttpNotFound, "The resource could not be found.", 404);

    // ---- conflicts (409) ----

    /// <summary>
    /// SecurityGroupRuleExists; the message names the id of the existing rule, and so does
    /// <see cref="NeutronError.ExistingRuleId"/> (for code: no need to read it out of the message).
    /// </summary>
    public static NeutronError RuleExists(string existingRuleId) =>
        new(NeutronErrorTypes.SecurityGroupRuleExists, $"Security group rule already exists. Rule id is {existingRuleId}.", 409)
        {
            ExistingRuleId = existingRuleId,
        };

    /// <summary>DuplicateSecurityGroupRuleInPost: the same rule twice in one bulk request.</summary>
    public static NeutronError DuplicateRuleInPost() =>
        new(NeutronErrorTypes.DuplicateSecurityGroupRuleInPost, "Duplicate Security Group Rule in POST.", 409);

    /// <summary>DefaultSecurityGroupRuleExists: the template already holds this rule (for the same kind of group).</summary>
    public static NeutronError DefaultRuleExists(string existingRuleId) =>
        new(NeutronErrorTypes.DefaultSecurityGroupRuleExists, $"Default Security group rule already exists. Rule id is {existingRuleId}.", 409)
        {
            ExistingRuleId = existingRuleId,
        };

    /// <summary>DuplicateDefaultSgRuleInPost: the same template rule twice in one bulk request.</summary>
    public static NeutronError DuplicateDefaultRuleInPost() =>
        new(NeutronErrorTypes.DuplicateDefaultSgRuleInPost, "Duplicate Default Security Group Rule in POST.", 409);

    /// <summary>SecurityGroupInUse: "Security Group X in use.".</summary>
    public static NeutronError SecurityGroupInUse(string id, string reason = "in use") =>
        new(NeutronErrorTypes.SecurityGroupInUse, $"Security Group {id} {reason}.", 409);

    /// <summary>AddressGroupInUse: a rule uses it as <c>remote_address_group_id</c>.</summary>
    public static NeutronError AddressGroupInUse(string id) =>
        new(NeutronErrorTypes.AddressGroupInUse, $"Address group {id} is in use on one or more security group rules.", 409);

    /// <summary>SecurityGroupRuleInUse (a precommit veto on delete; id may be "None").</summary>
    public static NeutronError SecurityGroupRuleInUse(string id, string reason) =>
        new(NeutronErrorTypes.SecurityGroupRuleInUse, $"Security Group Rule {id} {reason}.", 409);

    /// <summary>SecurityGroupCannotRemoveDefault: a non-admin deleting the default group.</summary>
    public static NeutronError CannotRemoveDefault() =>
        new(NeutronErrorTypes.SecurityGroupCannotRemoveDefault, "Insufficient rights for removing default security group.", 409);

    /// <summary>SecurityGroupCannotUpdateDefault: renaming the group named "default".</summary>
    public static NeutronError CannotUpdateDefault() =>
        new(NeutronErrorTypes.SecurityGroupCannotUpdateDefault, "Updating default security group not allowed.", 409, "name");

    /// <summary>SecurityGroupDefaultAlreadyExists: a group named "default" (any case) on create or rename.</summary>
    public static NeutronError DefaultAlreadyExists() =>
        new(NeutronErrorTypes.SecurityGroupDefaultAlreadyExists, "Default security group already exists.", 409, "name");

    /// <summary>SecurityGroupConflict: "Error &lt;reason&gt; while attempting the operation.".</summary>
    public static NeutronError SecurityGroupConflict(string reason) =>
        new(NeutronErrorTypes.SecurityGroupConflict, $"Error {reason} while attempting the operation.", 409);

    /// <summary>OverQuota: "Quota exceeded for resources: ['security_group_rule'].".</summary>
    public static NeutronError OverQuota(params string[] resources) =>
        new(NeutronErrorTypes.OverQuota, $"Quota exceeded for resources: {PythonList(resources)}.", 409);

    // ---- authorization and revisions ----

    /// <summary>
    /// PolicyNotAuthorized (403): "rule:&lt;action&gt; is disallowed by policy", as the reference answers
    /// for a plain action check (e.g. "rule:update_security_group is disallowed by policy"). When Neutron
    /// adds attribute checks the rule text is parenthesised; pass the whole text to <see cref="PolicyNotAuthorizedRule"/>.
    /// </summary>
    public static NeutronError PolicyNotAuthorized(string action) =>
        PolicyNotAuthorizedRule("rule:" + action);

    /// <summary>PolicyNotAuthorized (403) for an arbitrary rule text: "&lt;rule&gt; is disallowed by policy".</summary>
    public static NeutronError PolicyNotAuthorizedRule(string ruleText) =>
        new(NeutronErrorTypes.PolicyNotAuthorized, $"{ruleText} is disallowed by policy", 403);

    /// <summary>
    /// A failed <c>If-Match: revision_number=N</c> precondition (412), as observed on the reference:
    /// type RevisionNumberConstraintFailed, "Constrained to 7, but current revision is 2".
    /// </summary>
    public static NeutronError RevisionMismatch(long expected, long actual) =>
        new(NeutronErrorTypes.RevisionNumberConstraintFailed, $"Constrained to {expected}, but current revision is {actual}", 412);

    // ---- generic body validation (400, type HTTPBadRequest unless stated) ----

    /// <summary>HTTPBadRequest with a free message.</summary>
    public static NeutronError BadRequest(string message, string? field = null) =>
        new(NeutronErrorTypes.HttpBadRequest, message, 400, field);

    /// <summary>An If-Match header that is not <c>revision_number=N</c> (neutron_lib's BadRequest, type "BadRequest").</summary>
    public static NeutronError BadIfMatch() =>
        new(NeutronErrorTypes.BadRequest, "Bad if-match request: Revision number etag must be in the format of revision_number=<int>.", 400);

    /// <summary>HTTPMethodNotAllowed (405).</summary>
    public static NeutronError MethodNotAllowed() =>
        new(NeutronErrorTypes.HttpMethodNotAllowed,
            "The server could not comply with the request since it is either malformed or otherwise incorrect.", 405);

    /// <summary>
    /// HTTPRequestEntityTooLarge (413): a bulk create with more items than the configured cap (not in the reference,
    /// which has no cap).
    /// </summary>
    public static NeutronError TooManyBulkItems(int count, int max) =>
        new(NeutronErrorTypes.HttpRequestEntityTooLarge,
            $"Bulk request has {count} items; at most {max} are accepted in one request.", 413);

    /// <summary>MalformedRequestBody: the body is not JSON.</summary>
    public static NeutronError MalformedBody() =>
        new(NeutronErrorTypes.MalformedRequestBody, "Malformed request body: Cannot understand JSON.", 400);

    /// <summary>AddressesAlreadyExist (400): add_addresses naming addresses the group holds (stored forms).</summary>
    public static NeutronError AddressesAlreadyExist(IEnumerable<string> addresses, string addressGroupId) =>
        new(NeutronErrorTypes.AddressesAlreadyExist,
            $"Addresses {PythonList([.. addresses])} already exist in the address group {addressGroupId}.", 400, "addresses");

    /// <summary>AddrFormatError (400): netaddr could not parse an address of add_addresses/remove_addresses.</summary>
    public static NeutronError AddrFormatError(string address) =>
        new(NeutronErrorTypes.AddrFormatError, $"invalid IPNetwork {address}", 400, "addresses");

    /// <summary>IpAddressInUse (409): "Unable to complete operation for network N. The IP address A is in use.".</summary>
    public static NeutronError IpAddressInUse(string networkId, string ipAddress) =>
        new(NeutronErrorTypes.IpAddressInUse, $"Unable to complete operation for network {networkId}. The IP address {ipAddress} is in use.", 409, "fixed_ips");

    /// <summary>"Failed to parse request. Required attribute 'x' not specified".</summary>
    public static NeutronError RequiredAttribute(string name) =>
        BadRequest($"Failed to parse request. Required attribute '{name}' not specified", name);

    /// <summary>"Unrecognized attribute(s) 'foo, bar'".</summary>
    public static NeutronError UnrecognizedAttributes(IEnumerable<string> names) =>
        BadRequest($"Unrecognized attribute(s) '{string.Join(", ", names)}'");

    /// <summary>"Attribute 'id' not allowed in POST".</summary>
    public static NeutronError NotAllowedInPost(string attr) =>
        BadRequest($"Attribute '{attr}' not allowed in POST", attr);

    /// <summary>"Cannot update read-only attribute id".</summary>
    public static NeutronError ReadOnlyAttribute(string attr) =>
        BadRequest($"Cannot update read-only attribute {attr}", attr);

    /// <summary>"Invalid input for name. Reason: '5' is not a valid string.".</summary>
    public static NeutronError InvalidStringInput(string attr, string valueRepr) =>
        InvalidInputFor(attr, $"'{valueRepr}' is not a valid string");

    /// <summary>"Invalid input for name. Reason: '…' exceeds maximum length of 255.".</summary>
    public static NeutronError TooLong(string attr, string value, int max) =>
        InvalidInputFor(attr, $"'{value}' exceeds maximum length of {max}");

    /// <summary>"Invalid input for direction. Reason: sideways is not in valid_values.".</summary>
    public static NeutronError NotInValidValues(string attr, string value) =>
        InvalidInputFor(attr, $"{value} is not in valid_values");

    /// <summary>"Invalid input for &lt;attr&gt;. Reason: &lt;reason&gt;." (a failed attribute validator).</summary>
    public static NeutronError InvalidInputFor(string attr, string reason) =>
        BadRequest($"Invalid input for {attr}. Reason: {reason}.", attr);

    /// <summary>
    /// InvalidInput (400): raised by Neutron's converters, e.g. "Invalid input for operation:
    /// 'x' cannot be converted to boolean.".
    /// </summary>
    public static NeutronError InvalidInput(string errorMessage, string? field = null) =>
        new(NeutronErrorTypes.InvalidInput, $"Invalid input for operation: {errorMessage}.", 400, field);

    /// <summary>Python's repr of a list of strings: ['a', 'b'].</summary>
    private static string PythonList(string[] items) =>
        "[" + string.Join(", ", items.Select(i => "'" + i + "'")) + "]";
}
