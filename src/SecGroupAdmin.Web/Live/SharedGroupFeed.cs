using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rbac;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Rbac;

namespace SecGroupAdmin.Web.Live;

/// <summary>
/// The live changes of a group another tenant shares with the caller's: its rules change under its owner's tenant, which
/// the caller may not watch, so the receiving tenant's open group page follows that one group. Authorized on the server
/// (<see cref="Sharing"/>: the group is shared with the caller's tenant now); the changes carry no data, and the page reads
/// the group again with its own caller (a share taken away meanwhile then reads as "not found").
/// </summary>
public sealed class SharedGroupFeed(ChangeFeed feed, IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IDisposable> SubscribeAsync(Caller caller, string groupId, Func<ChangeEvent, Task> handler, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await Sharing.IsSharedWithCallerAsync(db, caller, RbacObjectTypes.SecurityGroup, groupId, ct))
        {
            throw new NeutronException(NeutronErrors.PolicyNotAuthorized("get_security_group"));
        }
        return feed.SubscribeGroupForServer(groupId, handler);
    }
}
