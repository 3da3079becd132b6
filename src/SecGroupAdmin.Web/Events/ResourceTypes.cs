namespace SecGroupAdmin.Web.Events;

/// <summary>
/// The resource types that events, the live feed and the audit log name (Neutron's singular resource names for
/// the network resources). Compare against these, never against string literals.
/// </summary>
public static class ResourceTypes
{
    public const string SecurityGroup = "security_group";
    public const string SecurityGroupRule = "security_group_rule";
    public const string AddressGroup = "address_group";
    public const string RbacPolicy = "rbac_policy";
    public const string DefaultSecurityGroupRule = "default_security_group_rule";
    public const string Port = "port";
    public const string Quota = "quota";
    public const string Tenant = "tenant";
    public const string Membership = "membership";
    public const string User = "user";
    public const string Role = "role";
    public const string ApiToken = "api_token";
}
