using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data.AddressGroups;
using SecGroupAdmin.Data.Rbac;
using SecGroupAdmin.Domain.Rbac;
using SecGroupAdmin.Web.Hosting;
using SecGroupAdmin.Web.Rbac;

namespace SecGroupAdmin.Web.Tests.Services;

/// <summary>
/// <see cref="Sharing"/>'s one predicate (<see cref="Sharing.SharesWith"/>: an <c>access_as_shared</c> policy of the
/// object type whose target is the tenant or <c>*</c>) and every read composed of it agree, in SQL, on both databases:
/// a policy to another tenant, of the other object type or of another action shares nothing.
/// </summary>
public abstract class SharingTests(ServiceTestHost host) : IDisposable
{
    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Every_read_of_sharing_uses_the_one_predicate()
    {
        // B's groups: shared with A, with everyone, with C only, shared "as external" with A (not a share), unshared.
        var toA = await host.NewGroupAsync(host.MemberB, "to-a", startEmpty: true);
        var toAll = await host.NewGroupAsync(host.MemberB, "to-all", startEmpty: true);
        var toC = await host.NewGroupAsync(host.MemberB, "to-c", startEmpty: true);
        var external = await host.NewGroupAsync(host.MemberB, "external", startEmpty: true);
        var unshared = await host.NewGroupAsync(host.MemberB, "unshared", startEmpty: true);
        var own = await host.NewGroupAsync(host.MemberA, "own", startEmpty: true);
        var at = DateTime.UtcNow;
        var agToA = new AddressGroup { TenantId = host.TenantB, Name = "ag-to-a", CreatedAt = at, UpdatedAt = at };
        var agToC = new AddressGroup { TenantId = host.TenantB, Name = "ag-to-c", CreatedAt = at, UpdatedAt = at };
        await using (var db = host.NewDb())
        {
            db.AddressGroups.AddRange(agToA, agToC);
            RbacPolicy Policy(string type, string id, string target, string action = RbacObjectTypes.AccessAsShared) => new()
            {
                TenantId = host.TenantB, ObjectType = type, ObjectId = id, Action = action, TargetTenant = target, CreatedAt = at,
            };
            db.RbacPolicies.AddRange(
                Policy(RbacObjectTypes.SecurityGroup, toA.Id, host.TenantA),
                Policy(RbacObjectTypes.SecurityGroup, toAll.Id, RbacObjectTypes.Everyone),
                Policy(RbacObjectTypes.SecurityGroup, toC.Id, "tenant-c"),
                Policy(RbacObjectTypes.SecurityGroup, external.Id, host.TenantA, "access_as_external"),
                // An address group policy naming a group's id shares no group.
                Policy(RbacObjectTypes.AddressGroup, unshared.Id, host.TenantA),
                Policy(RbacObjectTypes.AddressGroup, agToA.Id, host.TenantA),
                Policy(RbacObjectTypes.AddressGroup, agToC.Id, "tenant-c"));
            await db.SaveChangesAsync();
        }

        await using var read = host.NewDb();
        var groupsSharedWithA = new[] { toA.Id, toAll.Id }.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(groupsSharedWithA, (await read.RbacPolicies.Where(Sharing.SharesWith(RbacObjectTypes.SecurityGroup, host.TenantA))
            .Select(p => p.ObjectId).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { agToA.Id, unshared.Id }.Order(StringComparer.Ordinal), (await read.RbacPolicies
            .Where(Sharing.SharesWith(RbacObjectTypes.AddressGroup, host.TenantA)).Select(p => p.ObjectId).ToListAsync()).Order(StringComparer.Ordinal));
        // C gets what is shared with it and with everyone.
        Assert.Equal(new[] { toAll.Id, toC.Id }.Order(StringComparer.Ordinal), (await read.RbacPolicies
            .Where(Sharing.SharesWith(RbacObjectTypes.SecurityGroup, "tenant-c")).Select(p => p.ObjectId).ToListAsync()).Order(StringComparer.Ordinal));

        Assert.Equal(groupsSharedWithA, (await read.SecurityGroups.Where(Sharing.GroupSharedWith(read, host.TenantA)).Select(g => g.Id).ToListAsync()).Order(StringComparer.Ordinal));
        var ownOfA = await read.SecurityGroups.Where(g => g.TenantId == host.TenantA).Select(g => g.Id).ToListAsync();
        Assert.Contains(own.Id, ownOfA); // and A's default group
        Assert.Equal(ownOfA.Concat(groupsSharedWithA).Order(StringComparer.Ordinal),
            (await read.SecurityGroups.Where(Sharing.OwnOrSharedGroup(read, host.TenantA)).Select(g => g.Id).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.Equal([agToA.Id], await read.AddressGroups.Where(Sharing.AddressGroupSharedWith(read, host.TenantA)).Select(g => g.Id).ToListAsync());
        Assert.Equal([agToA.Id], await read.AddressGroups.Where(Sharing.OwnOrSharedAddressGroup(read, host.TenantA)).Select(g => g.Id).ToListAsync());
        Assert.Equal(new[] { agToA.Id, agToC.Id }.Order(StringComparer.Ordinal),
            (await read.AddressGroups.Where(Sharing.OwnOrSharedAddressGroup(read, host.TenantB)).Select(g => g.Id).ToListAsync()).Order(StringComparer.Ordinal));

        foreach (var group in new[] { toA, toAll, toC, external, unshared })
        {
            Assert.Equal(groupsSharedWithA.Contains(group.Id),
                await Sharing.IsSharedWithAsync(read, RbacObjectTypes.SecurityGroup, group.Id, host.TenantA, default));
        }
        Assert.True(await Sharing.IsSharedWithAsync(read, RbacObjectTypes.AddressGroup, agToA.Id, host.TenantA, default));
        Assert.False(await Sharing.IsSharedWithAsync(read, RbacObjectTypes.AddressGroup, agToC.Id, host.TenantA, default));
        Assert.False(await Sharing.IsSharedWithAsync(read, RbacObjectTypes.SecurityGroup, toA.Id, "", default));
        var receivingA = host.MemberA with { ReceivesShares = true };
        Assert.Equal(groupsSharedWithA, (await Sharing.SharedGroupIdsAsync(read, receivingA, [toA.Id, toAll.Id, toC.Id, external.Id, unshared.Id, own.Id], default))
            .Order(StringComparer.Ordinal));

        // The lists of the receiving tenant's pages read the same rows in their own shape (own UNION ALL shared, no
        // scan: ListQueryPlanTests), for a member, its admin and a CloudAdmin looking at it.
        var ownAndShared = ownOfA.Concat(groupsSharedWithA).Order(StringComparer.Ordinal).ToList();
        foreach (var caller in new[] { receivingA, host.AdminA with { ReceivesShares = true }, host.CloudAdmin with { TenantId = host.TenantA, ReceivesShares = true } })
        {
            Assert.Equal(ownAndShared, (await SecurityGroups.GroupSummaryQuery.Listed(read, caller, host.TenantA).Select(g => g.Id).ToListAsync()).Order(StringComparer.Ordinal));
            Assert.Equal([agToA.Id], await AddressGroups.AddressGroupQuery.Listed(read, caller, host.TenantA).Select(g => g.Id).ToListAsync());
        }
        // Shared with A twice (to A and to everyone): listed once.
        await using (var db = host.NewDb())
        {
            db.RbacPolicies.Add(new RbacPolicy
            {
                TenantId = host.TenantB, ObjectType = RbacObjectTypes.SecurityGroup, ObjectId = toAll.Id, Action = RbacObjectTypes.AccessAsShared,
                TargetTenant = host.TenantA, CreatedAt = at,
            });
            await db.SaveChangesAsync();
        }
        Assert.Equal(ownAndShared, (await SecurityGroups.GroupSummaryQuery.Listed(read, receivingA, host.TenantA).Select(g => g.Id).ToListAsync()).Order(StringComparer.Ordinal));

        // Composed, it stays one EXISTS per read (the policies looked up by their index, see ListQueryPlanTests).
        var sql = read.SecurityGroups.Where(Sharing.OwnOrSharedGroup(read, host.TenantA)).ToQueryString();
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(sql, "EXISTS"));
        Assert.Contains("access_as_shared", sql, StringComparison.Ordinal);
    }
}

/// <summary><see cref="SharingTests"/> on SQLite.</summary>
public sealed class SharingTestsOnSqlite() : SharingTests(new ServiceTestHost(DatabaseProvider.Sqlite));

/// <summary><see cref="SharingTests"/> on PostgreSQL.</summary>
public sealed class SharingTestsOnPostgreSql() : SharingTests(new ServiceTestHost(DatabaseProvider.PostgreSql));
