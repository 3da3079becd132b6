namespace SecGroupAdmin.Data.Tags;

/// <summary>One tag of a security group rule (newer Neutron tags rules too; Zed does not).</summary>
public class SecurityGroupRuleTag
{
    public string SecurityGroupRuleId { get; set; } = "";
    public string Tag { get; set; } = "";
}
