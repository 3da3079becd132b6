using Microsoft.AspNetCore.Identity;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Data.Tenants;

namespace SecGroupAdmin.Web.Tests.Infrastructure;

/// <summary>Rows written straight through <see cref="AppDbContext"/>, for arranging service tests.</summary>
public static class TestData
{
    public static ApplicationUser AddUser(this AppDbContext db, string email)
    {
        var user = new ApplicationUser
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            SecurityStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(user);
        db.SaveChanges();
        return user;
    }

    public static Tenant AddTenant(this AppDbContext db, string name)
    {
        var tenant = new Tenant { Name = name };
        db.Tenants.Add(tenant);
        db.SaveChanges();
        return tenant;
    }

    public static void AddMembership(this AppDbContext db, string userId, string tenantId, string role)
    {
        db.Memberships.Add(new Membership { UserId = userId, TenantId = tenantId, Role = role });
        db.SaveChanges();
    }

    /// <summary>Gives the user a global Identity role (CloudAdmin, Auditor), creating the role when missing.</summary>
    public static void AddGlobalRole(this AppDbContext db, string userId, string roleName)
    {
        var role = db.Roles.SingleOrDefault(r => r.Name == roleName);
        if (role is null)
        {
            role = new IdentityRole(roleName) { NormalizedName = roleName.ToUpperInvariant() };
            db.Roles.Add(role);
        }
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = userId, RoleId = role.Id });
        db.SaveChanges();
    }
}
