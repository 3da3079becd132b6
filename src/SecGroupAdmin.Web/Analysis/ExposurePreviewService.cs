using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Domain.Analysis;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Analysis;

/// <summary>
/// Exposure before saving: what a draft (rules added, changed or removed; groups attached to or detached from ports;
/// groups deleted) newly opens and newly blocks, per port, in words, worked out by the Domain's
/// <see cref="ExposureDiff"/> on the draft before anything is written. The caller must be able to read every group,
/// rule and port the draft names (else 404, as Neutron answers). Reads by key only what the draft touches: the ports
/// of the groups it changes, of the groups whose rules name a group whose membership it changes (attach, detach,
/// delete) as remote, and the ports it attaches or detaches; the rules of those ports' groups; and, through
/// <see cref="AnalysisModelLoader"/>, the members of the remote groups and the address groups those rules and the
/// draft's rules name. Ports of other tenants that a shared group reaches are counted, never named.
/// </summary>
public sealed class ExposurePreviewService(IDbContextFactory<AppDbContext> dbFactory)
{
    /// <summary>How many port names a line shows before "and N more".</summary>
    public const int NamesShown = 5;

    /// <summary>What <paramref name="draft"/> newly opens, then what it newly blocks; empty when it changes nothing.</summary>
    public async Task<IReadOnlyList<ExposurePreviewChange>> PreviewAsync(Caller caller, DraftChange draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(draft);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // The stored rules the draft changes or removes, with their groups.
        var ruleIds = draft.ChangedRules.Select(r => r.Id).Concat(draft.RemovedRuleIds).Distinct(StringComparer.Ordinal).ToList();
        var storedRules = ruleIds.Count == 0
            ? []
            : await db.SecurityGroupRules.AsNoTracking().Where(r => ruleIds.Contains(r.Id))
                .Select(r => new { r.Id, r.SecurityGroupId }).ToListAsync(ct);
        var links = draft.AttachedGroups.Concat(draft.DetachedGroups).ToList();
        var namedGroups = draft.AddedRules.Concat(draft.ChangedRules).Select(r => r.SecurityGroupId)
            .Concat(links.Select(l => l.SecurityGroupId)).Concat(draft.DeletedGroupIds).Distinct(StringComparer.Ordinal).ToList();
        await AuthorizeAsync(db, caller, ruleIds, [.. storedRules.Select(r => (r.Id, r.SecurityGroupId))], namedGroups, ct);
        var linkPortIds = links.Select(l => l.PortId).Distinct(StringComparer.Ordinal).ToList();
        await AuthorizePortsAsync(db, caller, linkPortIds, ct);

        // The groups whose ports may see a change: those the draft changes, and those whose rules name as remote a group
        // whose membership changes (their rules then stand for other addresses).
        var touched = new HashSet<string>(draft.AddedRules.Concat(draft.ChangedRules).Select(r => r.SecurityGroupId), StringComparer.Ordinal);
        touched.UnionWith(storedRules.Select(r => r.SecurityGroupId));
        touched.UnionWith(draft.DeletedGroupIds);
        var membershipChanged = links.Select(l => l.SecurityGroupId).Concat(draft.DeletedGroupIds).Distinct(StringComparer.Ordinal).ToList();
        if (membershipChanged.Count > 0)
        {
            touched.UnionWith(await db.SecurityGroupRules.AsNoTracking()
                .Where(r => r.RemoteGroupId != null && membershipChanged.Contains(r.RemoteGroupId))
                .Select(r => r.SecurityGroupId).Distinct().ToListAsync(ct));
        }
        if (touched.Count == 0 && linkPortIds.Count == 0)
        {
            return [];
        }

        var touchedIds = touched.ToList();
        var rows = await db.Ports.AsNoTracking()
            .Where(p => linkPortIds.Contains(p.Id) || p.SecurityGroups.Any(g => touchedIds.Contains(g.Id)))
            .Select(p => new
            {
                p.Id,
                p.TenantId,
                p.Name,
                p.PortSecurityEnabled,
                Ips = p.FixedIps.OrderBy(ip => ip.Position).Select(ip => ip.IpAddress).ToList(),
                Groups = p.SecurityGroups.Select(g => g.Id).ToList(),
            })
            .OrderBy(p => p.Name).ThenBy(p => p.Id) // the order ports are named in
            .AsSplitQuery().ToListAsync(ct);
        if (rows.Count == 0)
        {
            return [];
        }
        var ports = rows.Select(r => new AnalysisPort(r.Id, r.Name, r.PortSecurityEnabled, r.Ips, r.Groups)).ToList();
        var groupIds = ports.SelectMany(p => p.SecurityGroupIds).Concat(draft.AttachedGroups.Select(l => l.SecurityGroupId))
            .Distinct(StringComparer.Ordinal).ToList();
        var model = await AnalysisModelLoader.LoadAsync(db, groupIds, ports, ct, [.. draft.AddedRules, .. draft.ChangedRules]);

        var readable = rows.Where(r => caller.CanRead(r.TenantId)).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        return [.. ExposureDiff.Compute(model, draft).Select(c => Describe(c, readable))];
    }

    /// <summary>Every rule the draft changes or removes, and every group it names, must be one the caller may read.</summary>
    private static async Task AuthorizeAsync(AppDbContext db, Caller caller, List<string> ruleIds,
        List<(string Id, string GroupId)> storedRules, List<string> namedGroups, CancellationToken ct)
    {
        var asked = namedGroups.Concat(storedRules.Select(r => r.GroupId)).Distinct(StringComparer.Ordinal).ToList();
        if (asked.Count == 0)
        {
            return;
        }
        var visible = (await Visible.Groups(db, caller).Where(g => asked.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var id in ruleIds)
        {
            if (!storedRules.Any(r => r.Id == id && visible.Contains(r.GroupId)))
            {
                throw new NeutronException(NeutronErrors.SecurityGroupRuleNotFound(id));
            }
        }
        if (namedGroups.FirstOrDefault(id => !visible.Contains(id)) is { } missing)
        {
            throw new NeutronException(NeutronErrors.SecurityGroupNotFound(missing));
        }
    }

    private static async Task AuthorizePortsAsync(AppDbContext db, Caller caller, List<string> portIds, CancellationToken ct)
    {
        if (portIds.Count == 0)
        {
            return;
        }
        var found = (await Visible.Ports(db, caller).Where(p => portIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        if (portIds.FirstOrDefault(id => !found.Contains(id)) is { } missing)
        {
            throw new NeutronException(new NeutronError(NeutronErrorTypes.PortNotFound, $"Port {missing} could not be found.", 404, "port_id"));
        }
    }

    /// <summary>
    /// The Domain's change as a sentence naming at most <see cref="NamesShown"/> of the caller's ports:
    /// "newly opens tcp/22 from 0.0.0.0/0 on 1,000 ports: web-1, web-2, web-3, web-4, web-5 and 995 more".
    /// </summary>
    private static ExposurePreviewChange Describe(ExposureChange change, HashSet<string> readable)
    {
        var names = new List<string>();
        var hidden = 0;
        for (var i = 0; i < change.PortIds.Count; i++)
        {
            if (!readable.Contains(change.PortIds[i]))
            {
                hidden++;
            }
            else if (names.Count < NamesShown)
            {
                names.Add(change.PortNames[i]);
            }
        }
        var total = change.PortIds.Count;
        var head = (change.Kind == ExposureChangeKind.Opens ? "newly opens " : "newly blocks ")
            + (change.Direction == Directions.Egress ? "outgoing " : "") + change.Traffic;
        var count = string.Create(CultureInfo.InvariantCulture, $"{total:N0} port{(total == 1 ? "" : "s")}");
        string text;
        if (names.Count == 0)
        {
            text = $"{head} on {count} of other tenants";
        }
        else
        {
            var more = total - names.Count;
            var tail = more == 0 ? ""
                : string.Create(CultureInfo.InvariantCulture, $" and {more:N0} more")
                  + (hidden == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" ({hidden:N0} of other tenants)"));
            text = $"{head} on {count}: {string.Join(", ", names)}{tail}";
        }
        return new ExposurePreviewChange(change.Kind, text, total, names);
    }
}
