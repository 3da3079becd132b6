using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;

namespace SecGroupAdmin.Web.Auth;

/// <summary>
/// For pages: the signed-in user as a <see cref="Caller"/> in the tenant named by the URL. Access is decided on
/// the server from current data every time a page loads, never from what the page shows.
/// </summary>
public sealed class UiCallerProvider(AuthenticationStateProvider authentication, CallerFactory callers, IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<string?> UserIdAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.FindFirstValue(ClaimTypes.NameIdentifier);
    }

    /// <summary>The caller with no tenant (global roles only), for operator and account pages.</summary>
    public async Task<Caller?> GlobalCallerAsync()
    {
        var userId = await UserIdAsync();
        return userId is null ? null : await callers.CreateAsync(userId, null, ChangeSource.UI);
    }

    /// <summary>
    /// The caller with no tenant and, when they are an operator (who may open every tenant), the tenant with id or name
    /// <paramref name="tenantIdOrName"/> as a choice: an operator page opened on a tenant. The two reads go to the
    /// database at once, not one after the other; the tenant is dropped for anyone else.
    /// </summary>
    public async Task<(Caller? Caller, TenantChoice? Tenant)> OperatorCallerAsync(string? tenantIdOrName, CancellationToken ct = default)
    {
        var userId = await UserIdAsync();
        if (userId is null)
        {
            return (null, null);
        }
        var caller = callers.CreateAsync(userId, null, ChangeSource.UI, ct: ct);
        var tenant = string.IsNullOrEmpty(tenantIdOrName) ? Task.FromResult<TenantChoice?>(null) : FindTenantAsync(tenantIdOrName, ct);
        await Task.WhenAll(caller, tenant);
        var made = await caller;
        return (made, made is { IsCloudAdmin: true } or { IsAuditor: true } ? await tenant : null);
    }

    private async Task<TenantChoice?> FindTenantAsync(string idOrName, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Tenants.AsNoTracking().Where(t => t.Name == idOrName || t.Id == idOrName)
            .Select(t => new TenantChoice(t.Id, t.Name, null)).FirstOrDefaultAsync(ct);
    }

    /// <summary>The tenant named <paramref name="tenantName"/> (or its id) and the caller there; null when it does not exist or the user may not read it.</summary>
    public async Task<TenantContext?> ForTenantAsync(string tenantName, CancellationToken ct = default)
    {
        var userId = await UserIdAsync();
        if (userId is null)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tenant = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Name == tenantName || t.Id == tenantName, ct);
        if (tenant is null)
        {
            return null;
        }
        var caller = await callers.CreateAsync(userId, tenant.Id, ChangeSource.UI, ct: ct);
        return caller is not null && caller.CanRead(tenant.Id) ? new TenantContext(tenant, caller) : null;
    }

    /// <summary>
    /// At most <paramref name="take"/> tenants the user may open whose name contains <paramref name="search"/>
    /// (case-insensitive; all without one), by name, read as a page: an operator of 1,000 tenants costs what is shown.
    /// </summary>
    public async Task<TenantChoices> TenantChoicesAsync(int take, string? search = null, CancellationToken ct = default)
    {
        var caller = await GlobalCallerAsync();
        if (caller is null)
        {
            return new TenantChoices([], false);
        }
        take = Math.Max(1, take);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (tenants, memberships) = await OpenableAsync(db, caller, ct);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var lower = search.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() and Contains(string) translate to SQL; the overloads the analyzers ask for do not.
            tenants = tenants.Where(t => t.Name.ToLower().Contains(lower));
#pragma warning restore CA1304, CA1311, CA1862
        }
        var page = await tenants.OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).Take(take + 1).ToListAsync(ct);
        return new TenantChoices([.. page.Take(take).Select(t => new TenantChoice(t.Id, t.Name, memberships.GetValueOrDefault(t.Id)))], page.Count > take);
    }

    /// <summary>
    /// Of the tenants with these ids, the ones the user may open (their memberships, any for operators) as choices: what a
    /// page needs to name the tenants of the rows it shows, without listing every tenant of the cloud.
    /// </summary>
    public async Task<List<TenantChoice>> TenantChoicesOfAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        var caller = await GlobalCallerAsync();
        if (caller is null || ids.Count == 0)
        {
            return [];
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (openable, memberships) = await OpenableAsync(db, caller, ct);
        var wanted = ids.Distinct(StringComparer.Ordinal).ToList();
        var found = await openable.Where(t => wanted.Contains(t.Id)).OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        return [.. found.Select(t => new TenantChoice(t.Id, t.Name, memberships.GetValueOrDefault(t.Id)))];
    }

    /// <summary>How many tenants a menu or a search field offers at once (the first by name).</summary>
    public const int ChoicesShown = 20;

    /// <summary>The first <see cref="ChoicesShown"/> tenants the user may open whose name contains the text: a search field's suggestions.</summary>
    public async Task<IEnumerable<TenantChoice>> SearchTenantChoicesAsync(string? text, CancellationToken ct = default) =>
        (await TenantChoicesAsync(ChoicesShown, text, ct)).Items;

    /// <summary>The tenants <paramref name="caller"/> may open (every tenant for operators, else their memberships) and their roles by tenant.</summary>
    private static async Task<(IQueryable<Data.Tenants.Tenant> Tenants, Dictionary<string, string> Roles)> OpenableAsync(AppDbContext db, Caller caller, CancellationToken ct)
    {
        var roles = await db.Memberships.AsNoTracking().Where(m => m.UserId == caller.UserId)
            .ToDictionaryAsync(m => m.TenantId, m => m.Role, ct);
        var tenants = caller.IsCloudAdmin || caller.IsAuditor
            ? db.Tenants.AsNoTracking()
            : db.Tenants.AsNoTracking().Where(t => roles.Keys.Contains(t.Id));
        return (tenants, roles);
    }
}
