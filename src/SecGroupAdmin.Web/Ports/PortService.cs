using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Ports;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Ports;
using SecGroupAdmin.Domain.Rbac;
using SecGroupAdmin.Web.Audit;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.Rbac;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Writes;
using static SecGroupAdmin.Web.Writes.WritePipeline;

namespace SecGroupAdmin.Web.Ports;

/// <summary>
/// The only write path for ports (Neutron ports, which security groups are bound to), and their
/// reads. Writes run in the <see cref="WritePipeline"/>; a port without groups given gets the tenant's default group.
/// </summary>
public sealed class PortService(
    IDbContextFactory<AppDbContext> dbFactory,
    WritePipeline writes,
    DefaultGroupCreator defaultGroups)
{
    private const string MixedStatefulness =
        "Cannot apply both stateful and stateless security groups on the same port at the same time";

    /// <summary>Ports the caller may see, optionally of one tenant, with their groups.</summary>
    public async Task<List<Port>> ListPortsAsync(Caller caller, string? tenantId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Visible.Ports(db, caller);
        if (tenantId is not null)
        {
            query = query.Where(p => p.TenantId == tenantId);
        }
        return await query.Include(p => p.SecurityGroups).Include(p => p.FixedIps).AsSplitQuery().AsNoTracking().OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(ct);
    }

    public async Task<Port> GetPortAsync(Caller caller, string id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Visible.Ports(db, caller).Include(p => p.SecurityGroups).Include(p => p.FixedIps).AsSplitQuery().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct)
            ?? throw new NeutronException(PortNotFound(id));
    }

    /// <summary>Creates a port. Without <c>security_groups</c> it gets the tenant's default group (not trusted or unsecured ports).</summary>
    public async Task<Port> CreatePortAsync(Caller caller, PortCreateRequest request, CancellationToken ct = default)
    {
        var tenant = WriteChecks.ResolveProject(caller, request.ProjectId);
        var addresses = CheckAddresses(request.FixedIps);
        // The port's tenant (its default group); for a CloudAdmin also the tenants of the groups it binds.
        var locks = WriterLocks.ForCaller(caller, WriterLockLookups.GroupTenants(request.SecurityGroupIds ?? []), tenant);
        return await writes.WriteAsync(locks, async (db, after) =>
        {
            await WriteChecks.EnsureTenantExistsAsync(db, tenant, ct);
            if (!caller.CanWrite(tenant))
            {
                throw new NeutronException(NeutronErrors.PolicyNotAuthorized("create_port"));
            }
            var defaultGroup = await defaultGroups.EnsureInAsync(db, caller, tenant, after, ct);
            var trusted = request.DeviceOwner.StartsWith("network:", StringComparison.Ordinal);
            var ids = request.SecurityGroupIds
                ?? (request.PortSecurityEnabled && !trusted && defaultGroup is not null ? [defaultGroup] : []);
            if (!request.PortSecurityEnabled && ids.Count > 0)
            {
                throw new NeutronException(PortSecurityRequired());
            }
            var groups = await ResolvePortGroupsAsync(db, caller, tenant, ids, ct);
            locks.Require(groups.Select(g => g.TenantId));

            var now = writes.Now();
            var portId = Guid.NewGuid().ToString();
            await EnsureAddressesFreeAsync(db, tenant, portId, request.NetworkId, addresses, ct);
            var port = new Port
            {
                Id = portId,
                TenantId = tenant,
                Name = request.Name,
                NetworkId = request.NetworkId,
                DeviceOwner = request.DeviceOwner,
                PortSecurityEnabled = request.PortSecurityEnabled,
                RevisionNumber = 1,
                CreatedAt = now,
                UpdatedAt = now,
                SecurityGroups = groups,
                FixedIps = [.. addresses.Select((a, i) => new PortFixedIp { PortId = portId, TenantId = tenant, IpAddress = a, Position = i })],
            };
            db.Ports.Add(port);
            AuditLog.Record(db, caller, now, tenant, ResourceActions.Create, ResourceTypes.Port, port.Id, null, AuditSnapshots.Of(port));
            await SaveAsync(db, port, addresses, ct);
            after.Add(Event(caller, ResourceTypes.Port, ResourceActions.Create, EventPhase.After, port.Id, tenant, null, port.RevisionNumber));
            return port;
        }, ct);
    }

    /// <summary>Changes a port's name, port security or groups; a failed update leaves the groups unchanged.</summary>
    public async Task<Port> UpdatePortAsync(Caller caller, string id, PortUpdateRequest request, long? expectedRevision = null, CancellationToken ct = default)
    {
        var addresses = request.FixedIps is null ? null : CheckAddresses(request.FixedIps);
        var locks = WriterLocks.ForCaller(caller, WriterLockLookups.PortTenants(id, request.SecurityGroupIds));
        return await writes.WriteAsync(locks, async (db, after) =>
        {
            var port = await db.Ports.Include(p => p.SecurityGroups).Include(p => p.FixedIps).AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, ct);
            if (port is null || !caller.CanRead(port.TenantId))
            {
                throw new NeutronException(PortNotFound(id));
            }
            if (!caller.CanWrite(port.TenantId))
            {
                throw new NeutronException(NeutronErrors.PolicyNotAuthorized("update_port"));
            }
            locks.Require(port.TenantId);
            WriteChecks.CheckRevision(expectedRevision, port.RevisionNumber);
            await defaultGroups.EnsureInAsync(db, caller, port.TenantId, after, ct);
            var before = AuditSnapshots.Of(port);

            var portSecurity = request.PortSecurityEnabled ?? port.PortSecurityEnabled;
            var groupIds = request.SecurityGroupIds ?? port.SecurityGroups.Select(g => g.Id).ToList();
            if (!portSecurity && groupIds.Count > 0)
            {
                // Turning security off under bound groups is a conflict; binding groups to an unsecured port is bad input.
                throw new NeutronException(request.SecurityGroupIds is null ? PortHasSecurityGroup() : PortSecurityRequired());
            }
            if (request.SecurityGroupIds is not null)
            {
                var groups = await ResolvePortGroupsAsync(db, caller, port.TenantId, request.SecurityGroupIds, ct);
                locks.Require(groups.Select(g => g.TenantId));
                port.SecurityGroups.Clear();
                port.SecurityGroups.AddRange(groups);
            }
            if (addresses is not null)
            {
                await EnsureAddressesFreeAsync(db, port.TenantId, port.Id, port.NetworkId, addresses, ct);
                ReplaceAddresses(db, port, addresses);
            }
            if (request.Name is not null)
            {
                port.Name = request.Name;
            }
            port.PortSecurityEnabled = portSecurity;
            var now = writes.Now();
            port.RevisionNumber++;
            port.UpdatedAt = now;
            AuditLog.Record(db, caller, now, port.TenantId, ResourceActions.Update, ResourceTypes.Port, port.Id, before, AuditSnapshots.Of(port));
            await SaveAsync(db, port, addresses ?? [], ct);
            after.Add(Event(caller, ResourceTypes.Port, ResourceActions.Update, EventPhase.After, port.Id, port.TenantId, null, port.RevisionNumber));
            return port;
        }, ct);
    }

    public async Task DeletePortAsync(Caller caller, string id, CancellationToken ct = default)
    {
        var locks = WriterLocks.ForCaller(caller, WriterLockLookups.PortTenants(id, null));
        await writes.WriteAsync(locks, async (db, after) =>
        {
            var port = await db.Ports.Include(p => p.SecurityGroups).Include(p => p.FixedIps).AsSplitQuery().FirstOrDefaultAsync(p => p.Id == id, ct);
            if (port is null || !caller.CanRead(port.TenantId))
            {
                throw new NeutronException(PortNotFound(id));
            }
            if (!caller.CanWrite(port.TenantId))
            {
                throw new NeutronException(NeutronErrors.PolicyNotAuthorized("delete_port"));
            }
            locks.Require(port.TenantId);
            var now = writes.Now();
            AuditLog.Record(db, caller, now, port.TenantId, ResourceActions.Delete, ResourceTypes.Port, port.Id, AuditSnapshots.Of(port), null);
            db.Ports.Remove(port);
            await db.SaveChangesAsync(ct);
            after.Add(Event(caller, ResourceTypes.Port, ResourceActions.Delete, EventPhase.After, port.Id, port.TenantId, null, port.RevisionNumber + 1));
            return true;
        }, ct);
    }

    /// <summary>The requested addresses checked and normalized (FixedIpValidator), or 400 before anything is read.</summary>
    private static IReadOnlyList<string> CheckAddresses(IReadOnlyList<string> requested) =>
        FixedIpValidator.Validate(requested, out var addresses) is { } error ? throw new NeutronException(error) : addresses;

    /// <summary>An address another port of the tenant has → 409 IpAddressInUse (the first one, in request order).</summary>
    private static async Task EnsureAddressesFreeAsync(AppDbContext db, string tenant, string portId, string networkId,
        IReadOnlyList<string> addresses, CancellationToken ct)
    {
        if (addresses.Count == 0)
        {
            return;
        }
        var taken = await db.PortFixedIps.AsNoTracking()
            .Where(f => f.TenantId == tenant && f.PortId != portId && addresses.Contains(f.IpAddress))
            .Select(f => f.IpAddress).ToListAsync(ct);
        if (addresses.FirstOrDefault(taken.Contains) is { } inUse)
        {
            throw new NeutronException(NeutronErrors.IpAddressInUse(networkId, inUse));
        }
    }

    /// <summary>Replaces the port's addresses: kept ones stay (new position), gone ones go, new ones come.</summary>
    private static void ReplaceAddresses(AppDbContext db, Port port, IReadOnlyList<string> addresses)
    {
        foreach (var gone in port.FixedIps.Where(f => !addresses.Contains(f.IpAddress)).ToList())
        {
            port.FixedIps.Remove(gone);
            db.PortFixedIps.Remove(gone);
        }
        for (var i = 0; i < addresses.Count; i++)
        {
            if (port.FixedIps.FirstOrDefault(f => f.IpAddress == addresses[i]) is { } kept)
            {
                kept.Position = i;
            }
            else
            {
                port.FixedIps.Add(new PortFixedIp { PortId = port.Id, TenantId = port.TenantId, IpAddress = addresses[i], Position = i });
            }
        }
    }

    /// <summary>
    /// Saves; a port that took one of the addresses meanwhile (the unique index on tenant and address decides, on SQLite
    /// and PostgreSQL alike) → 409 IpAddressInUse naming it, nothing written.
    /// </summary>
    private async Task SaveAsync(AppDbContext db, Port port, IReadOnlyList<string> addresses, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (addresses.Count > 0 && DbErrors.IsUniqueViolation(ex))
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            var taken = await fresh.PortFixedIps.AsNoTracking()
                .Where(f => f.TenantId == port.TenantId && f.PortId != port.Id && addresses.Contains(f.IpAddress))
                .Select(f => f.IpAddress).ToListAsync(ct);
            throw new NeutronException(NeutronErrors.IpAddressInUse(port.NetworkId, addresses.FirstOrDefault(taken.Contains) ?? addresses[0]));
        }
    }

    /// <summary>Repeated ids → 400; unknown or invisible ids → 404 listing them; stateful mixed with stateless → 409.</summary>
    private static async Task<List<SecurityGroup>> ResolvePortGroupsAsync(AppDbContext db, Caller caller, string portTenant, IReadOnlyList<string> ids, CancellationToken ct)
    {
        var repeated = ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).FirstOrDefault();
        if (repeated is not null)
        {
            throw new NeutronException(NeutronErrors.InvalidInputFor("security_groups", $"Duplicate items in the list: '{repeated}'"));
        }
        var groups = await db.SecurityGroups.Where(g => ids.Contains(g.Id)).ToListAsync(ct);
        // The port's project may use its own groups and those shared with it (a CloudAdmin any group).
        var usable = caller.IsAdmin ? [] : groups.Where(g => g.TenantId == portTenant).Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var group in groups.Where(g => !caller.IsAdmin && g.TenantId != portTenant))
        {
            if (await Sharing.IsSharedWithAsync(db, RbacObjectTypes.SecurityGroup, group.Id, portTenant, ct))
            {
                usable.Add(group.Id);
            }
        }
        var missing = ids.Where(id => !groups.Any(g => g.Id == id && (caller.IsAdmin || usable.Contains(g.Id)))).ToList();
        if (missing.Count > 0)
        {
            throw new NeutronException(NeutronErrors.SecurityGroupNotFound(string.Join(", ", missing), "security_groups"));
        }
        if (groups.Select(g => g.Stateful).Distinct().Count() > 1)
        {
            throw new NeutronException(NeutronErrors.SecurityGroupConflict(MixedStatefulness) with { Field = "security_groups" });
        }
        return groups;
    }

    private static NeutronError PortNotFound(string id) => new(NeutronErrorTypes.PortNotFound, $"Port {id} could not be found.", 404);

    private static NeutronError PortSecurityRequired() => new(NeutronErrorTypes.PortSecurityAndIpRequiredForSecurityGroups,
        "Port security must be enabled and port must have an IP address in order to use security groups.", 400, "security_groups");

    private static NeutronError PortHasSecurityGroup() => new(NeutronErrorTypes.PortSecurityPortHasSecurityGroup,
        "Port has security group associated. Cannot disable port security or IP address until security group is removed.", 409, "port_security_enabled");
}
