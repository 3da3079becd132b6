using SecGroupAdmin.Data.Identity;

namespace SecGroupAdmin.Data.Tenants;

/// <summary>A user's role in one tenant (<see cref="TenantRoles"/>).</summary>
public class Membership
{
    public string UserId { get; set; } = "";
    public string TenantId { get; set; } = "";
    public string Role { get; set; } = TenantRoles.Member;
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public ApplicationUser? User { get; set; }
    public Tenant? Tenant { get; set; }
}
