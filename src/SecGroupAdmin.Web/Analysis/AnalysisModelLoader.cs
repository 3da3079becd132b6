using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Ports;
using SecGroupAdmin.Domain.Analysis;

namespace SecGroupAdmin.Web.Analysis;

/// <summary>
/// Reads the part of the database an analysis touches, by key: the rules of the given groups, the ports that are members
/// of the remote groups those rules name (with their fixed_ips and groups) and the address groups they name (with their
/// addresses). Three or four indexed queries, whatever the size of the tables. Visibility is the caller's business
/// (<see cref="AnalysisService"/>): a rule's remote group stands for its members wherever they are, as in Neutron.
/// <c>draftRules</c> (rules not saved yet, see <see cref="ExposurePreviewService"/>) are not read, but the
/// remote groups and address groups they name are, as for stored rules. The members of the remote groups in
/// <c>membersKnown</c> are all in <c>knownPorts</c> already, so they are not read again.
/// </summary>
public static class AnalysisModelLoader
{
    /// <summary>Marks the analysis's read of whole groups' rules in the SQL (a comment), so it can be told from the pages' reads.</summary>
    public const string RulesTag = "analysis: the rules of the groups";

    public static async Task<AnalysisModel> LoadAsync(
        AppDbContext db, IReadOnlyList<string> groupIds, IReadOnlyList<AnalysisPort> knownPorts, CancellationToken ct,
        IReadOnlyList<AnalysisRule>? draftRules = null, IReadOnlySet<string>? membersKnown = null)
    {
        var ids = groupIds.Distinct(StringComparer.Ordinal).ToList();
        var rules = ids.Count == 0
            ? []
            : await db.SecurityGroupRules.AsNoTracking().TagWith(RulesTag).Where(r => ids.Contains(r.SecurityGroupId))
                .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).ToListAsync(ct); // creation order: the order findings are read in
        var drafts = draftRules ?? [];
        var remoteGroupIds = rules.Select(r => r.RemoteGroupId).Concat(drafts.Select(r => r.Rule.RemoteGroupId))
            .OfType<string>().Where(id => membersKnown?.Contains(id) != true).Distinct(StringComparer.Ordinal).ToList();
        var addressGroupIds = rules.Select(r => r.RemoteAddressGroupId).Concat(drafts.Select(r => r.Rule.RemoteAddressGroupId))
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();

        var ports = new Dictionary<string, AnalysisPort>(StringComparer.Ordinal);
        foreach (var port in knownPorts)
        {
            ports.TryAdd(port.Id, port); // the remote port may be the port itself
        }
        if (remoteGroupIds.Count > 0)
        {
            var members = await ReadPortsAsync(db.Ports.Where(p => p.SecurityGroups.Any(g => remoteGroupIds.Contains(g.Id))), ct);
            foreach (var member in members)
            {
                ports.TryAdd(member.Id, member);
            }
        }

        var addressGroups = new List<AnalysisAddressGroup>();
        if (addressGroupIds.Count > 0)
        {
            var rows = await db.AddressGroups.AsNoTracking().Where(a => addressGroupIds.Contains(a.Id))
                .Select(a => new { a.Id, Addresses = a.Addresses.OrderBy(x => x.Position).Select(x => x.Address).ToList() })
                .ToListAsync(ct);
            addressGroups.AddRange(rows.Select(a => new AnalysisAddressGroup(a.Id, a.Addresses)));
        }

        return new AnalysisModel(rules.Select(r => new AnalysisRule(r.Id, r.ToNormalized())), ports.Values, addressGroups);
    }

    /// <summary>
    /// The ports of <paramref name="query"/> as the analysis reads them (name, port security, fixed_ips in order, groups):
    /// the one projection of a port for analysis, used for the asked port and for the members of remote groups.
    /// </summary>
    public static async Task<List<AnalysisPort>> ReadPortsAsync(IQueryable<Port> query, CancellationToken ct)
    {
        var rows = await query.AsNoTracking()
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.PortSecurityEnabled,
                Ips = p.FixedIps.OrderBy(ip => ip.Position).Select(ip => ip.IpAddress).ToList(),
                Groups = p.SecurityGroups.Select(g => g.Id).ToList(),
            })
            .AsSplitQuery().ToListAsync(ct);
        return [.. rows.Select(p => new AnalysisPort(p.Id, p.Name, p.PortSecurityEnabled, p.Ips, p.Groups))];
    }
}
