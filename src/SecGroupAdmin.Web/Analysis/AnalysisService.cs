using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Domain.Analysis;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Analysis;

/// <summary>
/// The one place the Web builds an <see cref="AnalysisModel"/> and asks it: what-if flows on a port and findings on a
/// group, for what the caller may read (a port or group it may not read is not found, as Neutron answers). The model
/// holds only what the question touches: the groups on the port (own or shared), their rules, the ports in the remote
/// groups those rules name (their fixed_ips) and the address groups they name (their addresses); no whole-table reads.
/// </summary>
public sealed class AnalysisService(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>Whether the flow may reach or leave the port; 404 for a port (or remote port) the caller may not read.</summary>
    public async Task<FlowVerdict> CheckFlowAsync(Caller caller, FlowQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var port = await ReadPortAsync(db, caller, query.PortId, "port_id", ct);
        var extra = new List<AnalysisPort> { port };
        if (query.RemotePortId is not null)
        {
            extra.Add(await ReadPortAsync(db, caller, query.RemotePortId, "remote_port_id", ct));
        }
        var model = await AnalysisModelLoader.LoadAsync(db, port.SecurityGroupIds, extra, ct);
        return FlowCheck.Check(model, query);
    }

    /// <summary>The redundant and exposed rules of a group the caller may read; 404 otherwise.</summary>
    public async Task<IReadOnlyList<Finding>> GroupFindingsAsync(Caller caller, string groupId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await Visible.Groups(db, caller).AnyAsync(g => g.Id == groupId, ct))
        {
            throw new NeutronException(NeutronErrors.SecurityGroupNotFound(groupId, null));
        }
        var model = await AnalysisModelLoader.LoadAsync(db, [groupId], [], ct);
        return RuleFindings.ForGroup(model, groupId);
    }

    private static async Task<AnalysisPort> ReadPortAsync(AppDbContext db, Caller caller, string id, string field, CancellationToken ct)
    {
        var row = await Visible.Ports(db, caller).Where(p => p.Id == id)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.PortSecurityEnabled,
                Ips = p.FixedIps.OrderBy(ip => ip.Position).Select(ip => ip.IpAddress).ToList(),
                Groups = p.SecurityGroups.Select(g => g.Id).ToList(),
            })
            .AsNoTracking().FirstOrDefaultAsync(ct);
        return row is null
            ? throw new NeutronException(new NeutronError(NeutronErrorTypes.PortNotFound, $"Port {id} could not be found.", 404, field))
            : new AnalysisPort(row.Id, row.Name, row.PortSecurityEnabled, row.Ips, row.Groups);
    }
}
