namespace SecGroupAdmin.Domain.Errors;

/// <summary>
/// Every <see cref="NeutronError.Type"/> this application produces or compares. The Neutron ones are the exception
/// class names of the reference server (the <c>NeutronError.type</c> of the error envelope) and must keep their exact
/// spelling, typos included (<see cref="SecurityGroupMultipleRemoteEntites"/>); the others are this application's own.
/// </summary>
public static class NeutronErrorTypes
{
    // ---- security group rules: semantics (400) ----
    public const string SecurityGroupInvalidPortRange = "SecurityGroupInvalidPortRange";
    public const string SecurityGroupInvalidPortValue = "SecurityGroupInvalidPortValue";
    public const string SecurityGroupInvalidIcmpValue = "SecurityGroupInvalidIcmpValue";
    public const string SecurityGroupMissingIcmpType = "SecurityGroupMissingIcmpType";
    public const string SecurityGroupInvalidProtocolForPort = "SecurityGroupInvalidProtocolForPort";
    public const string SecurityGroupEthertypeConflictWithProtocol = "SecurityGroupEthertypeConflictWithProtocol";
    public const string SecurityGroupRuleInvalidProtocol = "SecurityGroupRuleInvalidProtocol";
    public const string SecurityGroupRuleInvalidEtherType = "SecurityGroupRuleInvalidEtherType";
    public const string SecurityGroupRuleParameterConflict = "SecurityGroupRuleParameterConflict";
    /// <summary>Neutron's spelling (sic).</summary>
    public const string SecurityGroupMultipleRemoteEntites = "SecurityGroupMultipleRemoteEntites";
    public const string SecurityGroupProtocolRequiredWithPorts = "SecurityGroupProtocolRequiredWithPorts";
    public const string SecurityGroupNotSingleGroupRules = "SecurityGroupNotSingleGroupRules";
    public const string SecurityGroupRulesNotSingleProject = "SecurityGroupRulesNotSingleProject";
    public const string InvalidCidr = "InvalidCIDR";
    public const string AddressesAlreadyExist = "AddressesAlreadyExist";
    public const string AddrFormatError = "AddrFormatError";

    // ---- not found (404) ----
    public const string SecurityGroupNotFound = "SecurityGroupNotFound";
    public const string SecurityGroupRuleNotFound = "SecurityGroupRuleNotFound";
    public const string AddressGroupNotFound = "AddressGroupNotFound";
    public const string AddressesNotFound = "AddressesNotFound";
    public const string PortNotFound = "PortNotFound";
    public const string HttpNotFound = "HTTPNotFound";
    /// <summary>neutron_lib's own BadRequest (not webob's HTTPBadRequest), e.g. a malformed If-Match.</summary>
    public const string BadRequest = "BadRequest";

    // ---- conflicts (409) ----
    /// <summary>A duplicate rule; <see cref="NeutronError.ExistingRuleId"/> names the rule that already exists.</summary>
    public const string SecurityGroupRuleExists = "SecurityGroupRuleExists";
    public const string DuplicateSecurityGroupRuleInPost = "DuplicateSecurityGroupRuleInPost";
    public const string SecurityGroupInUse = "SecurityGroupInUse";
    public const string SecurityGroupRuleInUse = "SecurityGroupRuleInUse";
    public const string AddressGroupInUse = "AddressGroupInUse";
    public const string DefaultSecurityGroupRuleExists = "DefaultSecurityGroupRuleExists";
    public const string DuplicateDefaultSgRuleInPost = "DuplicateDefaultSgRuleInPost";
    public const string DefaultSecurityGroupRuleNotFound = "DefaultSecurityGroupRuleNotFound";
    public const string SecurityGroupCannotRemoveDefault = "SecurityGroupCannotRemoveDefault";
    public const string SecurityGroupCannotUpdateDefault = "SecurityGroupCannotUpdateDefault";
    public const string SecurityGroupDefaultAlreadyExists = "SecurityGroupDefaultAlreadyExists";
    public const string SecurityGroupConflict = "SecurityGroupConflict";
    public const string OverQuota = "OverQuota";
    public const string PortSecurityAndIpRequiredForSecurityGroups = "PortSecurityAndIPRequiredForSecurityGroups";
    public const string PortSecurityPortHasSecurityGroup = "PortSecurityPortHasSecurityGroup";
    /// <summary>A fixed IP another port of the tenant already has (neutron_lib's IpAddressInUse, an InUse: 409).</summary>
    public const string IpAddressInUse = "IpAddressInUse";

    // ---- RBAC sharing ----
    public const string DuplicateRbacPolicy = "DuplicateRbacPolicy";
    public const string RbacPolicyNotFound = "RbacPolicyNotFound";
    public const string RbacPolicyInUse = "RbacPolicyInUse";
    public const string InvalidActionForType = "InvalidActionForType";

    // ---- authorization, revisions, HTTP ----
    public const string PolicyNotAuthorized = "PolicyNotAuthorized";
    public const string RevisionNumberConstraintFailed = "RevisionNumberConstraintFailed";
    public const string HttpBadRequest = "HTTPBadRequest";
    public const string HttpUnauthorized = "HTTPUnauthorized";
    public const string HttpMethodNotAllowed = "HTTPMethodNotAllowed";
    public const string HttpRequestEntityTooLarge = "HTTPRequestEntityTooLarge";
    public const string HttpInternalServerError = "HTTPInternalServerError";
    public const string MalformedRequestBody = "MalformedRequestBody";
    public const string InvalidInput = "InvalidInput";

    // ---- this application's own (not Neutron's) ----
    /// <summary>A form field left empty (the rule form's checks before the Domain validator).</summary>
    public const string Required = "Required";
    public const string TenantExists = "TenantExists";
    public const string UserExists = "UserExists";
    public const string UserNotFound = "UserNotFound";
    public const string MembershipExists = "MembershipExists";
    public const string MembershipNotFound = "MembershipNotFound";
    public const string CannotLockSelf = "CannotLockSelf";
    public const string LastCloudAdmin = "LastCloudAdmin";
    public const string LastTenantAdmin = "LastTenantAdmin";
}
