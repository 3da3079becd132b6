namespace SecGroupAdmin.Data.Tags;

/// <summary>One tag of a security group (Neutron's <c>tags</c> table, keyed by the resource).</summary>
public class SecurityGroupTag
{
    public string SecurityGroupId { get; set; } = "";
    public string Tag { get; set; } = "";
}
