using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Live;

/// <summary>
/// Keeps the live hub's connections within the access that admitted them. Every
/// <see cref="HubSettings.AccessRecheckInterval"/> each open connection is checked again, and at once for a user whose
/// access changed (<see cref="AccessChanges"/>, and with Redis the same report from any instance through
/// <see cref="RedisAccessRelay"/>); a connection whose caller lost access is closed. Checked again: the token
/// (<see cref="TokenValidator.ValidateAsync"/>: revoked, expired, and whatever else it refuses), the user
/// (<see cref="CallerFactory"/>: gone), the cookie's security stamp (changed by a lock, a role change or a new
/// password), and read access to every tenant the connection joined.
/// </summary>
public sealed class HubAccessMonitor(
    HubSettings settings,
    AccessChanges accessChanges,
    TokenValidator tokens,
    CallerFactory callers,
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider clock,
    ILogger<HubAccessMonitor> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Connection> connections = new();

    /// <summary>Where a user's access change goes besides this instance (set by <see cref="RedisAccessRelay"/>).</summary>
    public Func<string, Task>? Relay { get; set; }

    public int ConnectionCount => connections.Count;

    /// <summary>Tracks a new connection: its user, the token secret it presented (null: cookie) and the cookie's security stamp.</summary>
    public void Add(HubCallerContext context, string userId, string? tokenSecret, string? tokenTenant, string? securityStamp) =>
        connections[context.ConnectionId] = new Connection(context, userId, tokenSecret, tokenTenant, securityStamp);

    /// <summary>Records that the connection joined a tenant's (or one of its groups') messages.</summary>
    public void Joined(string connectionId, string tenantId)
    {
        if (connections.TryGetValue(connectionId, out var connection))
        {
            connection.Tenants[tenantId] = true;
        }
    }

    public void Remove(string connectionId) => connections.TryRemove(connectionId, out _);

    /// <summary>Checks the user's connections on this instance now and tells the other instances to.</summary>
    public async Task UserChangedAsync(string userId)
    {
        await RecheckAsync(c => c.UserId == userId, CancellationToken.None);
        if (Relay is { } relay)
        {
            await relay(userId);
        }
    }

    /// <summary>A report from another instance: check the user's connections here.</summary>
    public Task UserChangedElsewhereAsync(string userId) => RecheckAsync(c => c.UserId == userId, CancellationToken.None);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        accessChanges.UserChanged += OnUserChanged;
        try
        {
            using var timer = new PeriodicTimer(settings.AccessRecheckInterval, clock);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RecheckAsync(_ => true, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            accessChanges.UserChanged -= OnUserChanged;
        }
    }

    private void OnUserChanged(string userId) => _ = UserChangedAsync(userId);

    private async Task RecheckAsync(Func<Connection, bool> which, CancellationToken ct)
    {
        foreach (var connection in connections.Values.Where(which).ToList())
        {
            bool allowed;
            try
            {
                allowed = await StillAllowedAsync(connection, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The database is unreachable for a moment: keep the connection, check it again next time.
                logger.LogWarning(ex, "Could not re-check hub connection {ConnectionId}", connection.Context.ConnectionId);
                continue;
            }
            if (!allowed)
            {
                logger.LogInformation("Closing hub connection {ConnectionId} of user {UserId}: access ended", connection.Context.ConnectionId, connection.UserId);
                Remove(connection.Context.ConnectionId);
                connection.Context.Abort();
            }
        }
    }

    private async Task<bool> StillAllowedAsync(Connection connection, CancellationToken ct)
    {
        if (connection.TokenSecret is { } secret)
        {
            if (await tokens.ValidateAsync(secret, ct) is null)
            {
                return false;
            }
        }
        else if (connection.SecurityStamp is { } stamp)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var current = await db.Users.Where(u => u.Id == connection.UserId).Select(u => u.SecurityStamp).FirstOrDefaultAsync(ct);
            if (current != stamp)
            {
                return false;
            }
        }
        var tenants = connection.Tenants.Keys.ToList();
        if (tenants.Count == 0)
        {
            return await callers.CreateAsync(connection.UserId, connection.TokenTenant, ChangeSource.API, ct: ct) is not null;
        }
        foreach (var tenantId in tenants)
        {
            var caller = await callers.CreateAsync(connection.UserId, connection.TokenTenant ?? tenantId, ChangeSource.API, ct: ct);
            if (caller is null || !caller.CanRead(tenantId))
            {
                return false;
            }
        }
        return true;
    }

    private sealed record Connection(HubCallerContext Context, string UserId, string? TokenSecret, string? TokenTenant, string? SecurityStamp)
    {
        public ConcurrentDictionary<string, bool> Tenants { get; } = new();
    }
}
