namespace SecGroupAdmin.Web.Tenancy;

/// <summary>What the operator's tenants list ("Tenants and users") is sorted by.</summary>
public enum TenantListSort
{
    Name,
    Members,
    Groups,
    Ports,
}
