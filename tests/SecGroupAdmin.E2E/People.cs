using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Web.ApiTokens;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.E2E;

/// <summary>Creates people, tenants and tokens in the running app through its own services.</summary>
public static class People
{
    public const string Password = "People-Passw0rd!";

    public static async Task<ApplicationUser> EnsureUserAsync(IAppHost app, string email, string? tenantName = null, string role = TenantRoles.Member, string? globalRole = null)
    {
        using var scope = app.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
            var created = await users.CreateAsync(user, Password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            if (globalRole is not null)
            {
                await users.AddToRoleAsync(user, globalRole);
            }
        }
        if (tenantName is not null)
        {
            var tenant = await EnsureTenantAsync(app, tenantName);
            await using var db = await Db(app);
            if (!await db.Memberships.AnyAsync(m => m.UserId == user.Id && m.TenantId == tenant.Id))
            {
                db.Memberships.Add(new Membership { UserId = user.Id, TenantId = tenant.Id, Role = role });
                await db.SaveChangesAsync();
            }
        }
        return user;
    }

    public static async Task<Tenant> EnsureTenantAsync(IAppHost app, string name)
    {
        await using var db = await Db(app);
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Name == name);
        if (tenant is null)
        {
            tenant = new Tenant { Name = name };
            db.Tenants.Add(tenant);
            await db.SaveChangesAsync();
        }
        return tenant;
    }

    public static async Task<string> TokenAsync(IAppHost app, ApplicationUser user, string tenantName)
    {
        var tenant = await EnsureTenantAsync(app, tenantName);
        var tokens = app.Factory.Services.GetRequiredService<ApiTokenService>();
        return (await tokens.IssueAsync(user.Id, tenant.Id, "e2e", null)).Secret;
    }

    public static async Task<Caller> CallerAsync(IAppHost app, ApplicationUser user, string tenantName, ChangeSource source = ChangeSource.API)
    {
        var tenant = await EnsureTenantAsync(app, tenantName);
        return (await app.Factory.Services.GetRequiredService<CallerFactory>().CreateAsync(user.Id, tenant.Id, source))!;
    }

    public static Task<AppDbContext> Db(IAppHost app) =>
        app.Factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
}
