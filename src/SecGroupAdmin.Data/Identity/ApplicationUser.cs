using Microsoft.AspNetCore.Identity;

namespace SecGroupAdmin.Data.Identity;

/// <summary>A person who signs in. Tenant access comes from memberships and global roles.</summary>
public class ApplicationUser : IdentityUser
{
    /// <summary>The name shown in the app bar and the audit log.</summary>
    public string? DisplayName { get; set; }

    /// <summary>
    /// When a CloudAdmin (page or <c>admin lock-user</c>) locked the user (UTC); null while not locked. An admin lock
    /// ends every API token and session of the user. Identity's <c>LockoutEnd</c> alone (what
    /// failed sign-ins set for a few minutes) stops password sign-in only, so a stranger guessing passwords cannot
    /// knock out the user's tokens.
    /// </summary>
    public DateTime? AdminLockedAt { get; set; }
}
