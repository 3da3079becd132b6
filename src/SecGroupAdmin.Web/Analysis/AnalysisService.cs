using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Ports;
using SecGroupAdmin.Domain.Analysis;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Analysis;

/// <summary>
/// The one place the Web builds an <see cref="AnalysisModel"/> and asks it: what-if flows on a port and findings on a
/// group, the effective rules of a port, for what the caller may read (a port or group it may not read is not found, as Neutron answers). The model
/// holds only what the question touches: the groups on the port (own or shared), their rules, the ports in the remote
/// groups those rules name (their fixed_ips) and the address groups they name (their addresses); no whole-table reads.
/// </summary>
public sealed class AnalysisService(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>Whether the flow may reach or leave the port; 404 for a port (or remote port) the caller may not read.</summary>
    public async Task<FlowVerdict> CheckFlowAsync(Caller caller, FlowQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await CheckAsync(db, caller, query, ct)).Verdict;
    }

    /// <summary>
    /// <see cref="CheckFlowAsync"/> for the Test traffic panel: also the matching rules in words and their groups' names.
    /// </summary>
    public async Task<FlowAnswer> ExplainFlowAsync(Caller caller, FlowQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (model, verdict) = await CheckAsync(db, caller, query, ct);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var match in verdict.MatchingRules)
        {
            if (model.FindRule(match.RuleId) is { } rule)
            {
                texts[match.RuleId] = SecGroupAdmin.Domain.Rules.RuleText.Describe(rule.Rule);
            }
        }
        var groupIds = verdict.MatchingRules.Select(r => r.SecurityGroupId).Distinct(StringComparer.Ordinal).ToList();
        var names = groupIds.Count == 0
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            : await Visible.Groups(db, caller).Where(g => groupIds.Contains(g.Id))
                .Select(g => new { g.Id, g.Name }).ToDictionaryAsync(g => g.Id, g => g.Name, StringComparer.Ordinal, ct);
        return new FlowAnswer(verdict, texts, names);
    }

    private static async Task<(AnalysisModel Model, FlowVerdict Verdict)> CheckAsync(AppDbContext db, Caller caller, FlowQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var port = await ReadPortAsync(db, caller, query.PortId, "port_id", ct);
        var extra = new List<AnalysisPort> { port };
        if (query.RemotePortId is not null)
        {
            extra.Add(await ReadPortAsync(db, caller, query.RemotePortId, "remote_port_id", ct));
        }
        var model = await AnalysisModelLoader.LoadAsync(db, port.SecurityGroupIds, extra, ct);
        return (model, FlowCheck.Check(model, query));
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

    /// <summary>
    /// The effective rules of a port the caller may read (<see cref="EffectiveRules.Of"/>), with the port, its tenant and
    /// network and the names of the groups involved; 404 for a port the caller may not read.
    /// </summary>
    public async Task<PortAnalysis> EffectiveRulesAsync(Caller caller, string portId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var port = await ReadPortAsync(db, caller, portId, "port_id", ct);
        var place = await db.Ports.AsNoTracking().Where(p => p.Id == port.Id)
            .Select(p => new { p.TenantId, p.NetworkId }).FirstAsync(ct);
        var model = await AnalysisModelLoader.LoadAsync(db, port.SecurityGroupIds, [port], ct);
        var effective = EffectiveRules.Of(model, port.Id)!;
        var named = port.SecurityGroupIds
            .Concat(model.Rules.Select(r => r.Rule.RemoteGroupId).OfType<string>())
            .Distinct(StringComparer.Ordinal).ToList();
        var names = await Visible.Groups(db, caller).Where(g => named.Contains(g.Id))
            .Select(g => new { g.Id, g.Name }).ToDictionaryAsync(g => g.Id, g => g.Name, StringComparer.Ordinal, ct);
        return new PortAnalysis(port, place.TenantId, place.NetworkId, names, effective);
    }

    /// <summary>The ports with the group that the caller may read (at most <paramref name="limit"/>, by name), for the Test traffic panel.</summary>
    public async Task<IReadOnlyList<PortChoice>> PortsOfGroupAsync(Caller caller, string groupId, int limit = 100, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await PortChoicesAsync(Visible.Ports(db, caller).Where(p => p.SecurityGroups.Any(g => g.Id == groupId)), limit, ct);
    }

    /// <summary>The tenant's ports the caller may read (at most <paramref name="limit"/>, by name): remote ports to test a flow from.</summary>
    public async Task<IReadOnlyList<PortChoice>> PortsOfTenantAsync(Caller caller, string tenantId, int limit = 100, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await PortChoicesAsync(Visible.Ports(db, caller).Where(p => p.TenantId == tenantId), limit, ct);
    }

    private static async Task<IReadOnlyList<PortChoice>> PortChoicesAsync(IQueryable<Port> query, int limit, CancellationToken ct)
    {
        var rows = await query.AsNoTracking().OrderBy(p => p.Name).ThenBy(p => p.Id).Take(Math.Clamp(limit, 1, 500))
            .Select(p => new { p.Id, p.Name, Ips = p.FixedIps.OrderBy(ip => ip.Position).Select(ip => ip.IpAddress).ToList() })
            .AsSplitQuery().ToListAsync(ct);
        return [.. rows.Select(p => new PortChoice(p.Id, string.IsNullOrEmpty(p.Name) ? p.Id : p.Name, p.Ips))];
    }

    private static async Task<AnalysisPort> ReadPortAsync(AppDbContext db, Caller caller, string id, string field, CancellationToken ct)
    {
        var found = await AnalysisModelLoader.ReadPortsAsync(Visible.Ports(db, caller).Where(p => p.Id == id), ct);
        return found.Count == 0
            ? throw new NeutronException(new NeutronError(NeutronErrorTypes.PortNotFound, $"Port {id} could not be found.", 404, field))
            : found[0];
    }
}
