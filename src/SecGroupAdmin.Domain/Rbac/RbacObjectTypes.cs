namespace SecGroupAdmin.Domain.Rbac;

/// <summary>The RBAC object types SecGroupAdmin shares, their one action and the wildcard target, as Neutron names them.</summary>
public static class RbacObjectTypes
{
    public const string SecurityGroup = "security_group";
    public const string AddressGroup = "address_group";
    /// <summary>The only action of both types: the target may read and use the object.</summary>
    public const string AccessAsShared = "access_as_shared";
    /// <summary>The target that means every project (a CloudAdmin's to set).</summary>
    public const string Everyone = "*";

    /// <summary>The object types Neutron (Zed) knows: others are "not a valid RBAC object type".</summary>
    public static readonly IReadOnlyList<string> NeutronTypes =
        ["address_group", "address_scope", "network", "qos_policy", "security_group", "subnetpool"];

    /// <summary>Whether <paramref name="type"/> is one this application stores (security and address groups).</summary>
    public static bool IsShareable(string type) => type is SecurityGroup or AddressGroup;
}
