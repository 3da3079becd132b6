using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data.SecurityGroups;

namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>
/// THE order in which the group page lists a tab's rules before the user sorts: ethertype, protocol (ordinal; no
/// protocol first), the ports' start (none first), the ports' end (none first), then as read (created, id). The page
/// orders rules it has read in memory (<see cref="Of(IEnumerable{RuleRow})"/>); its prerendered first screen reads the first rows in the
/// same order in SQL (<see cref="Of(IQueryable{SecurityGroupRule}, bool)"/>), so the circuit's rows continue them.
/// </summary>
public static class RuleDefaultOrder
{
    /// <summary><paramref name="rows"/>, read in (created, id) order, in the default order (stable: ties stay as read).</summary>
    public static IOrderedEnumerable<RuleRow> Of(IEnumerable<RuleRow> rows) =>
        rows.OrderBy(r => r.Ethertype, StringComparer.Ordinal).ThenBy(r => r.ProtocolValue, StringComparer.Ordinal)
            .ThenBy(r => r.SortPort).ThenBy(r => r.PortRangeMax);

    /// <summary>
    /// The same order in SQL, ties by (created, id) as the page reads rules: text compared bytewise (PostgreSQL's "C"
    /// collation; SQLite's default), nulls first as .NET's comparers put them.
    /// </summary>
    public static IOrderedQueryable<SecurityGroupRule> Of(IQueryable<SecurityGroupRule> rules, bool postgres) =>
        postgres
            ? rules.OrderBy(r => EF.Functions.Collate(r.Ethertype, "C"))
                .ThenBy(r => r.Protocol == null ? 0 : 1).ThenBy(r => EF.Functions.Collate(r.Protocol, "C"))
                .ThenBy(r => r.PortRangeMin ?? -1)
                .ThenBy(r => r.PortRangeMax == null ? 0 : 1).ThenBy(r => r.PortRangeMax)
                .ThenBy(r => r.CreatedAt).ThenBy(r => r.Id)
            : rules.OrderBy(r => r.Ethertype)
                .ThenBy(r => r.Protocol == null ? 0 : 1).ThenBy(r => r.Protocol)
                .ThenBy(r => r.PortRangeMin ?? -1)
                .ThenBy(r => r.PortRangeMax == null ? 0 : 1).ThenBy(r => r.PortRangeMax)
                .ThenBy(r => r.CreatedAt).ThenBy(r => r.Id);
}
