namespace SecGroupAdmin.Web.Operator;

/// <summary>What the operator's tenants table is sorted by.</summary>
public enum TenantSort
{
    Name,
    Groups,
    Rules,
    Ports,
    Risky,
    Changes,
}
