using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Web.ApiTokens;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Testing;

/// <summary>
/// Creates tenants, people (with <see cref="Password"/>, or none), their roles and API tokens through the app's own
/// services (UserManager, RoleManager, ApiTokenService, CallerFactory) of a running app or a test container that
/// registered <c>AddSecGroupAdminCore</c>. Every call finds what already exists (by tenant name, by email), so
/// tests sharing one app may ask for the same person twice.
/// </summary>
public sealed class PeopleSeeder(IServiceProvider services, bool withPassword = true)
{
    /// <summary>Every seeded person's password (and the admin's that <see cref="TestAppHost"/> bootstraps).</summary>
    public const string Password = "Test-Passw0rd!";

    /// <summary>The tenant role a <see cref="Role"/> gives in its tenant (null for global roles and outsiders).</summary>
    public static string? TenantRoleOf(Role role) => role switch
    {
        Role.TenantAdmin => TenantRoles.Admin,
        Role.Member => TenantRoles.Member,
        Role.Reader => TenantRoles.Reader,
        _ => null,
    };

    /// <summary>The global Identity role a <see cref="Role"/> gives (null for tenant roles and outsiders).</summary>
    public static string? GlobalRoleOf(Role role) => role switch
    {
        Role.CloudAdmin => TenantRoles.CloudAdmin,
        Role.Auditor => TenantRoles.Auditor,
        _ => null,
    };

    public Task<AppDbContext> DbAsync() =>
        services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    /// <summary>The tenant named <paramref name="name"/>, created (with the given quotas, else the defaults) when missing.</summary>
    public async Task<Tenant> TenantAsync(string name, int? groupQuota = null, int? ruleQuota = null)
    {
        await using var db = await DbAsync();
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Name == name);
        if (tenant is null)
        {
            tenant = new Tenant { Name = name };
            tenant.SecurityGroupQuota = groupQuota ?? tenant.SecurityGroupQuota;
            tenant.SecurityGroupRuleQuota = ruleQuota ?? tenant.SecurityGroupRuleQuota;
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync();
        }
        return tenant;
    }

    /// <summary>
    /// The person with <paramref name="email"/> (created when missing) holding <paramref name="role"/>: a membership
    /// in <paramref name="tenantName"/> (created when missing) for a tenant role, a global role otherwise, nothing for
    /// an Outsider.
    /// </summary>
    public async Task<ApplicationUser> PersonAsync(string email, Role role, string? tenantName = null)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
            Succeeded(withPassword ? await users.CreateAsync(user, Password) : await users.CreateAsync(user));
        }
        await GiveAsync(user, role, tenantName);
        return user;
    }

    /// <summary>Gives <paramref name="user"/> <paramref name="role"/> as well (another tenant, a global role); idempotent.</summary>
    public async Task GiveAsync(ApplicationUser user, Role role, string? tenantName = null)
    {
        if (TenantRoleOf(role) is { } tenantRole)
        {
            var tenant = await TenantAsync(tenantName ?? throw new ArgumentNullException(nameof(tenantName), $"{role} is a role in a tenant"));
            await using var db = await DbAsync();
            if (!await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.TenantId == tenant.Id))
            {
                db.Memberships.Add(new Membership { UserId = user.Id, TenantId = tenant.Id, Role = tenantRole });
                await db.SaveChangesAsync();
            }
        }
        else if (GlobalRoleOf(role) is { } globalRole)
        {
            using var scope = services.CreateScope();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(globalRole))
            {
                Succeeded(await roles.CreateAsync(new IdentityRole(globalRole)));
            }
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var stored = await users.FindByIdAsync(user.Id) ?? throw new InvalidOperationException($"no user {user.Id}");
            if (!await users.IsInRoleAsync(stored, globalRole))
            {
                Succeeded(await users.AddToRoleAsync(stored, globalRole));
            }
        }
    }

    /// <summary>A new API token of <paramref name="user"/> for <paramref name="tenantName"/>; returns its secret.</summary>
    public async Task<string> TokenAsync(ApplicationUser user, string tenantName, string name = "test")
    {
        var tenant = await TenantAsync(tenantName);
        return (await services.GetRequiredService<ApiTokenService>().IssueAsync(user.Id, tenant.Id, name, null)).Secret;
    }

    /// <summary>The caller the app would make for <paramref name="user"/> acting in <paramref name="tenantName"/> (null: no tenant).</summary>
    public async Task<Caller> CallerAsync(ApplicationUser user, string? tenantName, ChangeSource source = ChangeSource.API)
    {
        var tenantId = tenantName is null ? null : (await TenantAsync(tenantName)).Id;
        return await services.GetRequiredService<CallerFactory>().CreateAsync(user.Id, tenantId, source)
            ?? throw new InvalidOperationException($"no caller for {user.Email} in {tenantName}");
    }

    private static void Succeeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
