namespace SecGroupAdmin.Data.SecurityGroups;

/// <summary>Which group is a tenant's default one; the primary key makes lazy creation race-safe.</summary>
public class DefaultSecurityGroup
{
    public string TenantId { get; set; } = "";
    public string SecurityGroupId { get; set; } = "";
}
