using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Web.ApiTokens;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Live;

/// <summary>
/// <c>/hubs/changes</c> for clients outside Blazor (dashboards, scripts). Authenticated by the sign-in cookie or
/// an API token (<c>?access_token=</c>). <c>JoinTenant(tenantId)</c> and <c>JoinGroup(groupId)</c> add the
/// connection to a tenant's or a group's messages only when the caller may read that tenant; each change
/// arrives as a <c>change</c> message carrying a <see cref="ChangeEvent"/>.
/// </summary>
public sealed class ChangesHub(ApiTokenService tokens, CallerFactory callers, IDbContextFactory<AppDbContext> dbFactory) : Hub
{
    public const string Path = "/hubs/changes";
    public const string MessageName = "change";

    public static string TenantChannel(string tenantId) => "tenant:" + tenantId;

    public static string GroupChannel(string groupId) => "group:" + groupId;

    public override async Task OnConnectedAsync()
    {
        if (await IdentityAsync() is null)
        {
            Context.Abort();
            return;
        }
        await base.OnConnectedAsync();
    }

    public async Task JoinTenant(string tenantId)
    {
        var caller = await CallerForAsync(tenantId);
        if (caller is null || !caller.CanRead(tenantId))
        {
            throw new HubException("Not allowed: you cannot read that tenant.");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, TenantChannel(tenantId));
    }

    public async Task JoinGroup(string groupId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var tenantId = await db.SecurityGroups.Where(g => g.Id == groupId).Select(g => g.TenantId).FirstOrDefaultAsync();
        var caller = tenantId is null ? null : await CallerForAsync(tenantId);
        if (caller is null || !caller.CanRead(tenantId!))
        {
            // Same answer whether the group exists or not.
            throw new HubException("Not allowed: you cannot read that group.");
        }
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupChannel(groupId));
    }

    public Task LeaveTenant(string tenantId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, TenantChannel(tenantId));

    public Task LeaveGroup(string groupId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupChannel(groupId));

    /// <summary>The signed-in user (cookie), or the API token's user and tenant; cached on the connection.</summary>
    private async Task<(string UserId, string? TokenTenant)?> IdentityAsync()
    {
        if (Context.Items.TryGetValue("identity", out var cached))
        {
            return ((string, string?))cached!;
        }
        (string, string?)? identity = null;
        var userId = Context.User?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is not null)
        {
            identity = (userId, null);
        }
        else
        {
            // WebSockets carry the token in ?access_token=; the other transports send "Authorization: Bearer".
            var request = Context.GetHttpContext()?.Request;
            var presented = request?.Query["access_token"].ToString();
            var authorization = request?.Headers.Authorization.ToString() ?? "";
            if (string.IsNullOrEmpty(presented) && authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                presented = authorization["Bearer ".Length..];
            }
            var validation = await tokens.ValidateAsync(string.IsNullOrEmpty(presented) ? null : presented);
            if (validation.Succeeded)
            {
                identity = (validation.Token!.UserId, validation.Token.TenantId);
            }
        }
        if (identity is not null)
        {
            Context.Items["identity"] = identity.Value;
        }
        return identity;
    }

    /// <summary>A token acts only in its own tenant (plus global roles); a signed-in user in any tenant they belong to.</summary>
    private async Task<Caller?> CallerForAsync(string tenantId)
    {
        if (await IdentityAsync() is not var (userId, tokenTenant))
        {
            return null;
        }
        return await callers.CreateAsync(userId, tokenTenant ?? tenantId, ChangeSource.API);
    }
}
