using Microsoft.AspNetCore.Identity;

namespace SecGroupAdmin.Data.Identity;

/// <summary>A person who signs in. Tenant access comes from memberships and global roles.</summary>
public class ApplicationUser : IdentityUser
{
    /// <summary>The name shown in the app bar and the audit log.</summary>
    public string? DisplayName { get; set; }
}
