using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecGroupAdmin.Data;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Live;

/// <summary>
/// <c>/hubs/changes</c> for clients outside Blazor (dashboards, scripts). Only authenticated callers reach it
/// (<see cref="HubAuthorization"/>: an API token by <c>?access_token=</c> or bearer, or the sign-in cookie from an
/// allowed origin). <c>JoinTenant(tenantId)</c> and <c>JoinGroup(groupId)</c> add the connection to a tenant's or a
/// group's messages only when the caller may read that tenant; each change arrives as a <c>change</c> message
/// carrying a <see cref="ChangeEvent"/>. The <see cref="HubAccessMonitor"/> closes the connection when that access ends.
/// </summary>
public sealed class ChangesHub(
    CallerFactory callers,
    IDbContextFactory<AppDbContext> dbFactory,
    HubAccessMonitor monitor,
    IOptions<IdentityOptions> identityOptions) : Hub
{
    public const string Path = "/hubs/changes";
    public const string MessageName = "change";

    private const string IdentityItem = "identity";

    public static string TenantChannel(string tenantId) => "tenant:" + tenantId;

    public static string GroupChannel(string groupId) => "group:" + groupId;

    public override async Task OnConnectedAsync()
    {
        var user = Context.User;
        var userId = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (user is null || userId is null)
        {
            Context.Abort();
            return;
        }
        var byToken = user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == ApiTokenAuthenticationDefaults.Scheme);
        var tokenTenant = byToken ? user.FindFirstValue(ApiTokenAuthenticationDefaults.TenantClaim) : null;
        var request = Context.GetHttpContext()?.Request;
        var tokenSecret = byToken && request is not null ? ApiTokenAuthenticationHandler.FindPresentedToken(request) : null;
        if (byToken && tokenSecret is null)
        {
            Context.Abort();
            return;
        }
        var stamp = byToken ? null : user.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        Context.Items[IdentityItem] = new ConnectionIdentity(userId, tokenTenant);
        monitor.Add(Context, userId, tokenSecret, tokenTenant, stamp);
        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        monitor.Remove(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    public async Task JoinTenant(string tenantId)
    {
        var caller = await CallerForAsync(tenantId);
        if (caller is null || !caller.CanRead(tenantId))
        {
            throw new HubException("Not allowed: you cannot read that tenant.");
        }
        monitor.Joined(Context.ConnectionId, tenantId);
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
        monitor.Joined(Context.ConnectionId, tenantId!);
        await Groups.AddToGroupAsync(Context.ConnectionId, GroupChannel(groupId));
    }

    public Task LeaveTenant(string tenantId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, TenantChannel(tenantId));

    public Task LeaveGroup(string groupId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupChannel(groupId));

    /// <summary>A token acts only in its own tenant (plus global roles); a signed-in user in any tenant they belong to.</summary>
    private async Task<Caller?> CallerForAsync(string tenantId)
    {
        if (!Context.Items.TryGetValue(IdentityItem, out var cached) || cached is not ConnectionIdentity identity)
        {
            return null;
        }
        return await callers.CreateAsync(identity.UserId, identity.TokenTenant ?? tenantId, ChangeSource.API);
    }

    /// <summary>Who the connection is: the user, and the token's tenant when a token authenticated it.</summary>
    private sealed record ConnectionIdentity(string UserId, string? TokenTenant);
}
