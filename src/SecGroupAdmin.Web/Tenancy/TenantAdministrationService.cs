using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Audit;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.Quotas;
using SecGroupAdmin.Web.Writes;

namespace SecGroupAdmin.Web.Tenancy;

/// <summary>
/// The only write path for tenants, memberships, users and global roles, for the UI and the <c>admin</c> verbs
/// alike. Every operation decides from the <see cref="Caller"/> and re-reads the caller's roles from the database
/// inside the change (a page open for an hour must not act on a role taken away meanwhile; the in-process
/// <see cref="Caller.SystemOperator"/> is a CloudAdmin with no user row, so it is taken as one without a read), writes an <see cref="Data.Audit.AuditEntry"/>
/// in the same SaveChanges, and refuses with a <see cref="NeutronException"/>: 404 when the caller may not see
/// the tenant or user, 403 PolicyNotAuthorized when they see it but may not change it, 400/409 for bad input.
/// </summary>
public sealed partial class TenantAdministrationService(
    IDbContextFactory<AppDbContext> dbFactory,
    IServiceScopeFactory scopes,
    QuotaService quotaService,
    AccessChanges accessChanges,
    TimeProvider clock)
{
    public const int MaxTenantNameLength = 255;

    private DateTime Now() => clock.GetUtcNow().UtcDateTime;

    private static NeutronException Fail(NeutronError error) => new(error);

    /// <summary>May the caller manage the members of <paramref name="tenantId"/>? (From the caller as built; the service re-checks.)</summary>
    public static bool CanManageMembers(Caller caller, string tenantId) =>
        caller.IsCloudAdmin || (caller.TenantId == tenantId && caller.TenantRole == TenantRoles.Admin);

    // ---------------------------------------------------------------- members

    /// <summary>The tenant's members, admins first. Anyone who may read the tenant may look.</summary>
    public async Task<List<MemberView>> ListMembersAsync(Caller caller, string tenantId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var access = await AccessAsync(db, caller, tenantId, ct);
        if (!access.CanRead || !await db.Tenants.AnyAsync(t => t.Id == tenantId, ct))
        {
            throw Fail(NeutronErrors.NotFound());
        }
        var rows = await db.Memberships.AsNoTracking().Where(m => m.TenantId == tenantId)
            .Select(m => new MemberView(m.UserId, m.User!.Email ?? m.User.UserName ?? m.UserId, m.User.DisplayName, m.Role, m.CreatedAt))
            .ToListAsync(ct);
        return [.. rows.OrderBy(m => RoleOrder(m.Role)).ThenBy(m => m.Email, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Adds an existing user (found by email) to the tenant with <paramref name="role"/>. Tenant admins and CloudAdmins.</summary>
    public async Task<MemberView> AddMemberAsync(Caller caller, string tenantId, string email, string role, CancellationToken ct = default)
    {
        role = NormalizeRole(role);
        email = (email ?? "").Trim();
        if (email.Length == 0)
        {
            throw Fail(NeutronErrors.BadRequest("Enter the email address of the person to add.", "email"));
        }
        return await WriteAsync(WriterLocks.ForTenants(tenantId), async db =>
        {
            var tenant = await TenantForMembersAsync(db, caller, tenantId, "create_membership", ct);
            var normalized = email.Normalize().ToUpperInvariant();
            var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct)
                ?? throw Fail(new NeutronError(NeutronErrorTypes.UserNotFound, $"There is no user with email {email}. An operator creates accounts.", 404, "email"));
            if (await db.Memberships.AnyAsync(m => m.TenantId == tenant.Id && m.UserId == user.Id, ct))
            {
                throw Fail(new NeutronError(NeutronErrorTypes.MembershipExists, $"{user.Email} is already a member of {tenant.Name}. Change their role instead.", 409, "email"));
            }
            var now = Now();
            var membership = new Membership { UserId = user.Id, TenantId = tenant.Id, Role = role, CreatedAt = now };
            db.Memberships.Add(membership);
            AuditLog.Record(db, caller, now, tenant.Id, ResourceActions.Create, ResourceTypes.Membership, user.Id, null, MembershipJson(user, tenant, role));
            await db.SaveChangesAsync(ct);
            return new MemberView(user.Id, user.Email ?? email, user.DisplayName, role, now);
        }, ct);
    }

    /// <summary>
    /// Invites a person by email into the tenant with <paramref name="role"/>. Tenant admins and CloudAdmins. A
    /// person without an account gets one without a password (audited as a user creation); the membership is
    /// audited as in <see cref="AddMemberAsync"/>; both commit together. When the person has no password yet, the
    /// result carries a password-reset token for the one-time link that sets it (see <see cref="Invites.InviteLinks"/>).
    /// </summary>
    public async Task<MemberInvite> InviteMemberAsync(Caller caller, string tenantId, string email, string role, CancellationToken ct = default)
    {
        role = NormalizeRole(role);
        email = (email ?? "").Trim();
        if (email.Length == 0 || !new EmailAddressAttribute().IsValid(email))
        {
            throw Fail(NeutronErrors.BadRequest(email.Length == 0 ? "Enter the email address of the person to invite." : $"'{email}' is not an email address.", "email"));
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        // Identity's store saves through this same context, so the user, the membership and both audit entries
        // commit in this one transaction (BEGIN IMMEDIATE on SQLite).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await WritePipeline.LockAsync(db, WriterLocks.ForTenants(tenantId), ct);
        var tenant = await TenantForMembersAsync(db, caller, tenantId, "create_membership", ct);
        var now = Now();
        var user = await users.FindByEmailAsync(email);
        var created = user is null;
        if (user is null)
        {
            user = new ApplicationUser { UserName = email, Email = email };
            var entry = AuditLog.Record(db, caller, now, tenant.Id, ResourceActions.Create, ResourceTypes.User, user.Id, null,
                new { id = user.Id, email, invited_to = tenant.Name });
            var result = await users.CreateAsync(user);
            if (!result.Succeeded)
            {
                db.Entry(entry).State = EntityState.Detached;
                throw Fail(NeutronErrors.BadRequest(string.Join(" ", result.Errors.Select(e => e.Description)), "email"));
            }
        }
        else if (await db.Memberships.AnyAsync(m => m.TenantId == tenant.Id && m.UserId == user.Id, ct))
        {
            throw Fail(new NeutronError(NeutronErrorTypes.MembershipExists, $"{user.Email} is already a member of {tenant.Name}. Change their role instead.", 409, "email"));
        }
        db.Memberships.Add(new Membership { UserId = user.Id, TenantId = tenant.Id, Role = role, CreatedAt = now });
        AuditLog.Record(db, caller, now, tenant.Id, ResourceActions.Create, ResourceTypes.Membership, user.Id, null, MembershipJson(user, tenant, role));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var token = await users.HasPasswordAsync(user) ? null : await users.GeneratePasswordResetTokenAsync(user);
        return new MemberInvite(new MemberView(user.Id, user.Email ?? email, user.DisplayName, role, now), created, token);
    }

    /// <summary>Changes a member's role; the last admin of a tenant cannot be demoted.</summary>
    public async Task<MemberView> ChangeMemberRoleAsync(Caller caller, string tenantId, string userId, string role, CancellationToken ct = default)
    {
        role = NormalizeRole(role);
        var changed = await WriteAsync(WriterLocks.ForTenants(tenantId), async db =>
        {
            var tenant = await TenantForMembersAsync(db, caller, tenantId, "update_membership", ct);
            var membership = await MembershipAsync(db, tenant.Id, userId, ct);
            var user = membership.User!;
            if (membership.Role == role)
            {
                return new MemberView(user.Id, user.Email ?? user.Id, user.DisplayName, role, membership.CreatedAt);
            }
            if (membership.Role == TenantRoles.Admin)
            {
                await EnsureAnotherAdminAsync(db, tenant, userId, "demote", ct);
            }
            var now = Now();
            AuditLog.Record(db, caller, now, tenant.Id, ResourceActions.Update, ResourceTypes.Membership, user.Id,
                MembershipJson(user, tenant, membership.Role), MembershipJson(user, tenant, role));
            membership.Role = role;
            await db.SaveChangesAsync(ct);
            return new MemberView(user.Id, user.Email ?? user.Id, user.DisplayName, role, membership.CreatedAt);
        }, ct);
        accessChanges.Report(userId);
        return changed;
    }

    /// <summary>Removes a member; the last admin of a tenant cannot be removed.</summary>
    public async Task RemoveMemberAsync(Caller caller, string tenantId, string userId, CancellationToken ct = default)
    {
        await WriteAsync(WriterLocks.ForTenants(tenantId), async db =>
        {
            var tenant = await TenantForMembersAsync(db, caller, tenantId, "delete_membership", ct);
            var membership = await MembershipAsync(db, tenant.Id, userId, ct);
            if (membership.Role == TenantRoles.Admin)
            {
                await EnsureAnotherAdminAsync(db, tenant, userId, "remove", ct);
            }
            AuditLog.Record(db, caller, Now(), tenant.Id, ResourceActions.Delete, ResourceTypes.Membership, userId,
                MembershipJson(membership.User!, tenant, membership.Role), null);
            db.Memberships.Remove(membership);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        accessChanges.Report(userId);
    }

    // ---------------------------------------------------------------- tenants (CloudAdmin)

    /// <summary>Every tenant with member, group and port counts and quotas. CloudAdmin only.</summary>
    public async Task<List<TenantOverview>> ListTenantsAsync(Caller caller, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RequireCloudAdminAsync(db, caller, "get_tenants", ct);
        var rows = await TenantOverviews(db, db.Tenants).ToListAsync(ct);
        return [.. rows.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The tenant with id <paramref name="nameOrId"/>, else the one with that name; null when neither exists. CloudAdmin only.</summary>
    public async Task<TenantOverview?> FindTenantAsync(Caller caller, string nameOrId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RequireCloudAdminAsync(db, caller, "get_tenant", ct);
        return await TenantOverviews(db, db.Tenants.Where(t => t.Id == nameOrId)).FirstOrDefaultAsync(ct)
            ?? await TenantOverviews(db, db.Tenants.Where(t => t.Name == nameOrId)).FirstOrDefaultAsync(ct);
    }

    private static IQueryable<TenantOverview> TenantOverviews(AppDbContext db, IQueryable<Tenant> tenants) =>
        tenants.AsNoTracking().Select(t => new TenantOverview(
            t.Id, t.Name,
            t.Memberships.Count,
            db.SecurityGroups.Count(g => g.TenantId == t.Id),
            db.Ports.Count(p => p.TenantId == t.Id),
            new QuotaSet(t.SecurityGroupQuota, t.SecurityGroupRuleQuota),
            t.CreatedAt));

    /// <summary>Creates a tenant with the default quotas. CloudAdmin only; names are unique.</summary>
    public async Task<TenantOverview> CreateTenantAsync(Caller caller, string name, CancellationToken ct = default)
    {
        name = ValidateTenantName(name);
        return await WriteAsync(WriterLocks.Global(), async db =>
        {
            await RequireCloudAdminAsync(db, caller, "create_tenant", ct);
            await EnsureTenantNameFreeAsync(db, name, null, ct);
            var now = Now();
            var tenant = new Tenant { Name = name, CreatedAt = now };
            db.Tenants.Add(tenant);
            AuditLog.Record(db, caller, now, tenant.Id, ResourceActions.Create, ResourceTypes.Tenant, tenant.Id, null, TenantJson(tenant));
            await SaveUniqueAsync(db, name, ct);
            return new TenantOverview(tenant.Id, tenant.Name, 0, 0, 0,
                new QuotaSet(tenant.SecurityGroupQuota, tenant.SecurityGroupRuleQuota), tenant.CreatedAt);
        }, ct);
    }

    /// <summary>Renames a tenant. CloudAdmin only. Tenant URLs use the name, so old links stop working.</summary>
    public async Task RenameTenantAsync(Caller caller, string tenantId, string newName, CancellationToken ct = default)
    {
        newName = ValidateTenantName(newName);
        await WriteAsync(WriterLocks.ForTenants(tenantId), async db =>
        {
            await RequireCloudAdminAsync(db, caller, "update_tenant", ct);
            var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == tenantId, ct) ?? throw Fail(NeutronErrors.NotFound());
            if (tenant.Name == newName)
            {
                return true;
            }
            await EnsureTenantNameFreeAsync(db, newName, tenant.Id, ct);
            var before = TenantJson(tenant);
            tenant.Name = newName;
            AuditLog.Record(db, caller, Now(), tenant.Id, ResourceActions.Update, ResourceTypes.Tenant, tenant.Id, before, TenantJson(tenant));
            await SaveUniqueAsync(db, newName, ct);
            return true;
        }, ct);
    }

    /// <summary>
    /// Changes a tenant's quotas (-1 = unlimited). CloudAdmin only: goes through
    /// <see cref="QuotaService.UpdateQuotaAsync"/>, which writes the quota audit entry.
    /// </summary>
    public async Task<QuotaSet> UpdateQuotaAsync(Caller caller, string tenantId, int? securityGroups, int? securityGroupRules, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await RequireCloudAdminAsync(db, caller, "update_quota", ct);
        }
        return await quotaService.UpdateQuotaAsync(caller, tenantId, securityGroups, securityGroupRules, ct);
    }

    // ---------------------------------------------------------------- users and global roles (CloudAdmin)

    /// <summary>Every user with global roles, lock state and memberships. CloudAdmin only.</summary>
    public async Task<List<UserOverview>> ListUsersAsync(Caller caller, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RequireCloudAdminAsync(db, caller, "get_users", ct);
        return await UserOverviewsAsync(db, db.Users, ct);
    }

    /// <summary>The user with this email (compared as Identity normalizes it), or null. CloudAdmin only.</summary>
    public async Task<UserOverview?> FindUserByEmailAsync(Caller caller, string email, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await RequireCloudAdminAsync(db, caller, "get_user", ct);
        var normalized = (email ?? "").Trim().Normalize().ToUpperInvariant();
        return (await UserOverviewsAsync(db, db.Users.Where(u => u.NormalizedEmail == normalized), ct)).FirstOrDefault();
    }

    private async Task<List<UserOverview>> UserOverviewsAsync(AppDbContext db, IQueryable<ApplicationUser> selected, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var users = await selected.AsNoTracking()
            .Select(u => new { u.Id, u.Email, u.UserName, u.DisplayName, u.LockoutEnd, u.AdminLockedAt }).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where selected.Any(u => u.Id == ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(ct);
        var memberships = await db.Memberships.AsNoTracking().Where(m => selected.Any(u => u.Id == m.UserId))
            .Select(m => new { m.UserId, Tenant = m.Tenant!.Name, m.Role }).ToListAsync(ct);
        return [.. users
            .Select(u => new UserOverview(
                u.Id,
                u.Email ?? u.UserName ?? u.Id,
                u.DisplayName,
                u.AdminLockedAt is not null || (u.LockoutEnd is { } end && end > now),
                [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "").Order(StringComparer.Ordinal)],
                [.. memberships.Where(m => m.UserId == u.Id).OrderBy(m => m.Tenant, StringComparer.OrdinalIgnoreCase).Select(m => $"{m.Tenant}:{m.Role}")]))
            .OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Creates a user who can sign in with <paramref name="password"/> (Identity's password rules apply). CloudAdmin only.</summary>
    public async Task<UserOverview> CreateUserAsync(Caller caller, string email, string password, string? displayName = null, CancellationToken ct = default)
    {
        email = (email ?? "").Trim();
        displayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
        if (!new EmailAddressAttribute().IsValid(email) || email.Length == 0)
        {
            throw Fail(NeutronErrors.BadRequest($"'{email}' is not an email address.", "email"));
        }
        if (string.IsNullOrEmpty(password))
        {
            throw Fail(NeutronErrors.BadRequest("Enter a password.", "password"));
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await RequireCloudAdminAsync(db, caller, "create_user", ct);
        if (await users.FindByEmailAsync(email) is not null)
        {
            throw Fail(new NeutronError(NeutronErrorTypes.UserExists, $"A user with email {email} already exists.", 409, "email"));
        }
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        // The audit entry is added to the context Identity's store saves with, so the user and the entry commit together.
        var entry = AuditLog.Record(db, caller, Now(), "", ResourceActions.Create, ResourceTypes.User, user.Id, null,
            new { id = user.Id, email, display_name = displayName, email_confirmed = true });
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            db.Entry(entry).State = EntityState.Detached;
            var field = created.Errors.Any(e => e.Code.StartsWith("Password", StringComparison.Ordinal)) ? "password" : "email";
            throw Fail(NeutronErrors.BadRequest(string.Join(" ", created.Errors.Select(e => e.Description)), field));
        }
        return new UserOverview(user.Id, email, displayName, false, [], []);
    }

    /// <summary>
    /// Admin lock (<see cref="ApplicationUser.AdminLockedAt"/>): no sign-in until unlocked, every API token refused at
    /// once, open sessions ended at the next revalidation (the security stamp changes). Unlocking lifts the admin lock
    /// and a failed sign-in lockout. CloudAdmin only; not yourself. Returns false when nothing changed (already so).
    /// </summary>
    public async Task<bool> SetUserLockedAsync(Caller caller, string userId, bool locked, CancellationToken ct = default)
    {
        var changed = await WriteAsync(WriterLocks.Global(), async db =>
        {
            await RequireCloudAdminAsync(db, caller, locked ? "lock_user" : "unlock_user", ct);
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw Fail(UserNotFound(userId));
            if (locked && user.Id == caller.UserId)
            {
                throw Fail(new NeutronError(NeutronErrorTypes.CannotLockSelf, "You cannot lock your own account.", 409));
            }
            var now = clock.GetUtcNow();
            var wasLocked = user.AdminLockedAt is not null;
            var lockedOut = user.LockoutEnd is { } end && end > now;
            if (locked ? wasLocked : !wasLocked && !lockedOut)
            {
                return false;
            }
            user.AdminLockedAt = locked ? now.UtcDateTime : null;
            user.LockoutEnabled = true;
            user.LockoutEnd = locked ? DateTimeOffset.MaxValue : null;
            user.AccessFailedCount = 0;
            // A new security stamp makes the cookie's security stamp validator and the circuit's revalidating
            // authentication state provider end the user's sessions (Identity:RevalidationInterval).
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            AuditLog.Record(db, caller, now.UtcDateTime, "", ResourceActions.Update, ResourceTypes.User, user.Id,
                new { id = user.Id, email = user.Email, locked = wasLocked }, new { id = user.Id, email = user.Email, locked });
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        accessChanges.Report(userId);
        return changed;
    }

    /// <summary>Gives a user the global role CloudAdmin or Auditor. CloudAdmin only.</summary>
    public Task GrantGlobalRoleAsync(Caller caller, string userId, string role, CancellationToken ct = default) =>
        ChangeGlobalRoleAsync(caller, userId, role, grant: true, ct);

    /// <summary>Takes a global role away. CloudAdmin only; the last CloudAdmin keeps the role.</summary>
    public Task RevokeGlobalRoleAsync(Caller caller, string userId, string role, CancellationToken ct = default) =>
        ChangeGlobalRoleAsync(caller, userId, role, grant: false, ct);

    private async Task ChangeGlobalRoleAsync(Caller caller, string userId, string given, bool grant, CancellationToken ct)
    {
        var role = TenantRoles.Global.FirstOrDefault(r => string.Equals(r, given?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw Fail(NeutronErrors.BadRequest($"'{given}' is not a global role (CloudAdmin or Auditor).", "role"));
        await WriteAsync(WriterLocks.Global(), async db =>
        {
            await RequireCloudAdminAsync(db, caller, grant ? "grant_role" : "revoke_role", ct);
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw Fail(UserNotFound(userId));
            var roleRow = await db.Roles.FirstOrDefaultAsync(r => r.Name == role, ct);
            if (roleRow is null)
            {
                if (!grant)
                {
                    return true;
                }
                roleRow = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() };
                db.Roles.Add(roleRow);
            }
            var link = await db.UserRoles.FirstOrDefaultAsync(ur => ur.UserId == user.Id && ur.RoleId == roleRow.Id, ct);
            if ((link is not null) == grant)
            {
                return true;
            }
            var json = new { user_id = user.Id, email = user.Email, role };
            if (grant)
            {
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleRow.Id });
                AuditLog.Record(db, caller, Now(), "", ResourceActions.Create, ResourceTypes.Role, user.Id, null, json);
            }
            else
            {
                if (role == TenantRoles.CloudAdmin && await db.UserRoles.CountAsync(ur => ur.RoleId == roleRow.Id, ct) <= 1)
                {
                    throw Fail(new NeutronError(NeutronErrorTypes.LastCloudAdmin, "This is the last CloudAdmin: grant the role to someone else first.", 409, "role"));
                }
                db.UserRoles.Remove(link!);
                AuditLog.Record(db, caller, Now(), "", ResourceActions.Delete, ResourceTypes.Role, user.Id, json, null);
            }
            // Role claims live in the sign-in cookie: a new stamp makes them refresh on the next revalidation.
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        accessChanges.Report(userId);
    }

    // ---------------------------------------------------------------- helpers

    private readonly record struct Access(bool CanRead, bool IsCloudAdmin, bool IsTenantAdmin);

    /// <summary>The caller's access to a tenant from current data, not from when the caller was built.</summary>
    private static async Task<Access> AccessAsync(AppDbContext db, Caller caller, string tenantId, CancellationToken ct)
    {
        if (caller.IsSystemOperator)
        {
            return new Access(CanRead: true, IsCloudAdmin: true, IsTenantAdmin: false);
        }
        var globalRoles = await GlobalRolesAsync(db, caller.UserId, ct);
        var role = await db.Memberships.Where(m => m.UserId == caller.UserId && m.TenantId == tenantId).Select(m => m.Role).FirstOrDefaultAsync(ct);
        var cloudAdmin = caller.IsCloudAdmin && globalRoles.Contains(TenantRoles.CloudAdmin);
        var auditor = caller.IsAuditor && globalRoles.Contains(TenantRoles.Auditor);
        // A caller built for another tenant reads this one only through a global role.
        var memberHere = caller.TenantId == tenantId ? role : null;
        return new Access(cloudAdmin || auditor || memberHere is not null, cloudAdmin, memberHere == TenantRoles.Admin);
    }

    private static Task<List<string>> GlobalRolesAsync(AppDbContext db, string userId, CancellationToken ct) =>
        (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name!).ToListAsync(ct);

    private static async Task RequireCloudAdminAsync(AppDbContext db, Caller caller, string action, CancellationToken ct)
    {
        if (caller.IsSystemOperator)
        {
            return;
        }
        if (!caller.IsCloudAdmin || !(await GlobalRolesAsync(db, caller.UserId, ct)).Contains(TenantRoles.CloudAdmin))
        {
            throw Fail(NeutronErrors.PolicyNotAuthorized(action));
        }
    }

    /// <summary>The tenant for a membership change: 404 when the caller cannot see it, 403 unless tenant admin or CloudAdmin.</summary>
    private static async Task<Tenant> TenantForMembersAsync(AppDbContext db, Caller caller, string tenantId, string action, CancellationToken ct)
    {
        var access = await AccessAsync(db, caller, tenantId, ct);
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == tenantId, ct);
        if (tenant is null || !access.CanRead)
        {
            throw Fail(NeutronErrors.NotFound());
        }
        if (!access.IsCloudAdmin && !access.IsTenantAdmin)
        {
            throw Fail(NeutronErrors.PolicyNotAuthorized(action));
        }
        return tenant;
    }

    private static async Task<Membership> MembershipAsync(AppDbContext db, string tenantId, string userId, CancellationToken ct) =>
        await db.Memberships.Include(m => m.User).FirstOrDefaultAsync(m => m.TenantId == tenantId && m.UserId == userId, ct)
        ?? throw Fail(new NeutronError(NeutronErrorTypes.MembershipNotFound, "That person is not a member of this tenant (any more).", 404));

    private static async Task EnsureAnotherAdminAsync(AppDbContext db, Tenant tenant, string userId, string verb, CancellationToken ct)
    {
        if (!await db.Memberships.AnyAsync(m => m.TenantId == tenant.Id && m.UserId != userId && m.Role == TenantRoles.Admin, ct))
        {
            throw Fail(new NeutronError(NeutronErrorTypes.LastTenantAdmin,
                $"Cannot {verb} the last admin of {tenant.Name}: make someone else an admin first.", 409, "role"));
        }
    }

    private static string NormalizeRole(string role)
    {
        var normalized = (role ?? "").Trim().ToLowerInvariant();
        return TenantRoles.IsValid(normalized)
            ? normalized
            : throw Fail(NeutronErrors.BadRequest($"'{role}' is not a tenant role (admin, member or reader).", "role"));
    }

    private static string ValidateTenantName(string name)
    {
        name = (name ?? "").Trim();
        if (name.Length == 0)
        {
            throw Fail(NeutronErrors.BadRequest("A tenant needs a name.", "name"));
        }
        if (name.Length > MaxTenantNameLength)
        {
            throw Fail(NeutronErrors.BadRequest($"A tenant name has at most {MaxTenantNameLength} characters.", "name"));
        }
        if (name.Contains('/') || name.Any(char.IsControl))
        {
            throw Fail(NeutronErrors.BadRequest("A tenant name cannot contain '/' or control characters (it is part of the tenant's URLs).", "name"));
        }
        return name;
    }

    private static async Task EnsureTenantNameFreeAsync(AppDbContext db, string name, string? exceptId, CancellationToken ct)
    {
        if (await db.Tenants.AnyAsync(t => t.Name == name && t.Id != exceptId, ct))
        {
            throw Fail(TenantExists(name));
        }
    }

    private static async Task SaveUniqueAsync(AppDbContext db, string name, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            throw Fail(TenantExists(name));
        }
    }

    private static NeutronError TenantExists(string name) => new(NeutronErrorTypes.TenantExists, $"A tenant named {name} already exists.", 409, "name");

    private static NeutronError UserNotFound(string id) => new(NeutronErrorTypes.UserNotFound, $"User {id} could not be found.", 404);

    private static int RoleOrder(string role) => role switch { TenantRoles.Admin => 0, TenantRoles.Member => 1, _ => 2 };

    private static object TenantJson(Tenant t) => new
    {
        id = t.Id,
        name = t.Name,
        security_group_quota = t.SecurityGroupQuota,
        security_group_rule_quota = t.SecurityGroupRuleQuota,
    };

    private static object MembershipJson(ApplicationUser user, Tenant tenant, string role) =>
        new { user_id = user.Id, email = user.Email, tenant_id = tenant.Id, tenant_name = tenant.Name, role };

    /// <summary>
    /// One transaction (BEGIN IMMEDIATE on SQLite; on PostgreSQL holding <paramref name="locks"/>: the tenant's writer
    /// lock for its memberships, the global one for tenants, users and roles), so the last-admin check and the change
    /// cannot interleave with another.
    /// </summary>
    private async Task<T> WriteAsync<T>(WriterLocks locks, Func<AppDbContext, Task<T>> work, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await WritePipeline.LockAsync(db, locks, ct);
        var result = await work(db);
        await tx.CommitAsync(ct);
        return result;
    }
}
