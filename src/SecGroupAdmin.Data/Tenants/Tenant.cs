namespace SecGroupAdmin.Data.Tenants;

/// <summary>Neutron's project: the owner of groups, rules and ports, with its quotas.</summary>
public class Tenant
{
    public const int DefaultSecurityGroupQuota = 10;
    public const int DefaultSecurityGroupRuleQuota = 100;

    /// <summary>32 lower-case hex characters, like a Keystone project id.</summary>
    public string Id { get; set; } = NewId();
    public string Name { get; set; } = "";
    /// <summary>How many groups the tenant may own; -1 means unlimited.</summary>
    public int SecurityGroupQuota { get; set; } = DefaultSecurityGroupQuota;
    /// <summary>How many rules (counted by the rule's own project) the tenant may own; -1 means unlimited.</summary>
    public int SecurityGroupRuleQuota { get; set; } = DefaultSecurityGroupRuleQuota;
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public List<Membership> Memberships { get; set; } = [];

    public static string NewId() => Guid.NewGuid().ToString("N");
}
