using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Domain.Rbac;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.Rbac;

namespace SecGroupAdmin.Web.Live;

/// <summary>
/// The live changes of address groups other tenants share with the caller's: they change under their owners' tenants,
/// which the caller may not watch, so the receiving tenant's address groups page hears of an address group's change
/// when that address group is shared with the caller's tenant at that moment (<see cref="Sharing"/>, checked on the
/// server per change). The changes carry no data; the page reads again with its own caller. A delete is forwarded when
/// the address group was shared with the caller's tenant just before (<see cref="ChangeEvent.SharedWith"/>).
/// </summary>
public sealed class SharedAddressGroupFeed(ChangeFeed feed, IDbContextFactory<AppDbContext> dbFactory)
{
    public IDisposable Subscribe(Caller caller, Func<ChangeEvent, Task> handler) =>
        feed.SubscribeAllForServer(change =>
        {
            if (change.ResourceType == ResourceTypes.AddressGroup && change.TenantId != caller.TenantId)
            {
                // The check reads the database: queued, so that the writer never waits for it.
                feed.TrackQueuedWork(Task.Run(() => ForwardIfSharedAsync(caller, change, handler)));
            }
            return Task.CompletedTask;
        });

    private async Task ForwardIfSharedAsync(Caller caller, ChangeEvent change, Func<ChangeEvent, Task> handler)
    {
        if (change.SharedWith is { } targets)
        {
            // A delete: its policies are gone with it; the event names who it was shared with.
            if (caller.TenantRole is not null && targets.Any(t => t == caller.TenantId || t == RbacObjectTypes.Everyone))
            {
                await handler(change);
            }
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await Sharing.IsSharedWithCallerAsync(db, caller, RbacObjectTypes.AddressGroup, change.ResourceId, CancellationToken.None))
        {
            await handler(change);
        }
    }
}
