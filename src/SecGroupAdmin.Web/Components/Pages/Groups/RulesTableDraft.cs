using System.Globalization;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.Analysis;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>
/// The rules table editor's state as plain C#: one direction's rules of a group as rows, checked as a whole after every
/// change (each row by <see cref="RuleFormModel.Validate"/>, the dialog's own check with its messages; then duplicates
/// by <see cref="RuleKey"/> and same networks by <see cref="NetworkKey"/> across the draft), and turned into the
/// <see cref="RuleChangeSet"/> the service saves at once.
/// </summary>
public sealed class RulesTableDraft
{
    private const string PortFormatMessage = "Type a port (22), a range (8000-8100) or all.";
    private int nextKey;

    public RulesTableDraft(string groupId, string direction, IEnumerable<SecurityGroupRule> rules)
    {
        GroupId = groupId;
        Direction = direction;
        foreach (var rule in rules.Where(r => r.Direction == direction))
        {
            var form = RuleFormModel.FromRule(rule.ToNormalized());
            Rows.Add(new RulesTableRow(nextKey++, rule, form, PortTextOf(form)));
        }
        Check();
    }

    public string GroupId { get; }
    public string Direction { get; }
    public List<RulesTableRow> Rows { get; } = [];

    public int AddedCount => Rows.Count(r => r.IsNew && !r.Removed);
    public int ChangedCount => Rows.Count(r => !r.IsNew && !r.Removed && r.IsChanged);
    public int RemovedCount => Rows.Count(r => !r.IsNew && r.Removed);
    public bool HasChanges => AddedCount + ChangedCount + RemovedCount > 0;

    /// <summary>Rows that keep Save waiting: an error (shown or not yet, for an untouched new row) or a duplicate.</summary>
    public int ProblemCount => Rows.Count(r => !r.Removed && (!r.IsValid || r.IsDuplicate));

    public bool CanSave => HasChanges && ProblemCount == 0;

    /// <summary>"3 added, 2 changed, 1 removed" (only what there is), or "No changes".</summary>
    public string Summary
    {
        get
        {
            var parts = new List<string>();
            if (AddedCount > 0)
            {
                parts.Add($"{AddedCount} added");
            }
            if (ChangedCount > 0)
            {
                parts.Add($"{ChangedCount} changed");
            }
            if (RemovedCount > 0)
            {
                parts.Add($"{RemovedCount} removed");
            }
            return parts.Count == 0 ? "No changes" : string.Join(", ", parts);
        }
    }

    /// <summary>The 1-based number the table shows for a row.</summary>
    public int NumberOf(RulesTableRow row) => Rows.IndexOf(row) + 1;

    /// <summary>A new row: custom TCP, its port and source still to type (nothing assumed, as the rule dialog).</summary>
    public RulesTableRow AddRow()
    {
        var form = new RuleFormModel { GroupId = GroupId, Direction = Direction, Remote = RemoteKind.Cidr };
        var row = new RulesTableRow(nextKey++, null, form, "");
        Rows.Add(row);
        Check();
        return row;
    }

    /// <summary>Marks a stored rule's row removed, or drops a new row.</summary>
    public void Remove(RulesTableRow row)
    {
        if (row.IsNew)
        {
            Rows.Remove(row);
        }
        else
        {
            row.Removed = true;
        }
        Check();
    }

    public void Undo(RulesTableRow row)
    {
        row.Removed = false;
        Check();
    }

    /// <summary>Applies a change to a row's form (the table direction stays) and checks the draft again.</summary>
    public void Edit(RulesTableRow row, Action<RuleFormModel> change)
    {
        change(row.Form);
        row.Form.Direction = Direction;
        row.Touched = true;
        Check();
    }

    /// <summary>
    /// Chooses a preset for a row. A TCP or UDP preset's ports show in the row's port range (SSH: 22), so they can be
    /// typed over; choosing a custom protocol keeps what is there.
    /// </summary>
    public void ChooseTemplate(RulesTableRow row, string key)
    {
        row.Form.ApplyTemplate(key);
        if (row.Form.Template is { IsCustom: false } t && HasEditablePorts(row.Form))
        {
            row.PortText = t.PortRangeMin == t.PortRangeMax ? $"{t.PortRangeMin}" : $"{t.PortRangeMin}-{t.PortRangeMax}";
        }
        row.Form.Direction = Direction;
        row.Touched = true;
        Check();
    }

    /// <summary>Whether the row's ports are typed: custom TCP/UDP, or a TCP/UDP preset (typing over its port makes the row custom).</summary>
    public static bool HasEditablePorts(RuleFormModel form) =>
        form.HasPortFields || form.Template is { IsCustom: false, Protocol: "tcp" or "udp", PortRangeMin: not null };

    public void SetPortText(RulesTableRow row, string text)
    {
        if (!row.Form.HasPortFields && HasEditablePorts(row.Form))
        {
            // SSH with another port is a custom TCP rule.
            row.Form.TemplateKey = row.Form.Template!.Protocol == "udp" ? RuleFormModel.CustomUdp : RuleFormModel.CustomTcp;
        }
        row.PortText = text;
        row.Touched = true;
        Check();
    }

    /// <summary>Checks every row, then the draft as a whole.</summary>
    public void Check()
    {
        foreach (var row in Rows)
        {
            CheckRow(row);
        }
        var live = Rows.Where(r => !r.Removed && r.Rule is not null).ToList();
        var byKey = new Dictionary<RuleKey, RulesTableRow>();
        // Unchanged stored rows first: a new or edited row that repeats one is the duplicate.
        foreach (var row in live.OrderBy(r => r.IsNew || r.IsChanged ? 1 : 0))
        {
            var key = RuleKey.For(row.Rule!.Value);
            if (byKey.TryGetValue(key, out var first))
            {
                row.IsDuplicate = true;
                row.Warning = first.IsNew || first.IsChanged
                    ? $"Same rule as row {NumberOf(first)}: Neutron refuses two identical rules in a group. Remove one."
                    : $"Already present as row {NumberOf(first)}: Neutron refuses two identical rules in a group. Remove one.";
            }
            else
            {
                byKey[key] = row;
            }
        }
        var byNetwork = new Dictionary<NetworkKey, List<RulesTableRow>>();
        foreach (var row in live.Where(r => !r.IsDuplicate && r.Rule!.Value.NormalizedCidr is not null).OrderBy(r => r.IsNew || r.IsChanged ? 1 : 0))
        {
            var rule = row.Rule!.Value;
            var networkKey = NetworkKey.For(rule);
            if (!byNetwork.TryGetValue(networkKey, out var near))
            {
                byNetwork[networkKey] = near = [];
            }
            if (near.FirstOrDefault(other => NetworkKey.SameNetworkOnly(rule, other.Rule!.Value)) is { } same && (row.IsNew || row.IsChanged))
            {
                row.Warning = $"Same network as row {NumberOf(same)}: {rule.RemoteIpPrefix} and {same.Rule!.Value.RemoteIpPrefix} both mean {rule.NormalizedCidr}. Neutron accepts both, but it allows nothing new.";
            }
            near.Add(row);
        }
    }

    private static void CheckRow(RulesTableRow row)
    {
        row.Errors.Clear();
        row.Warning = null;
        row.IsDuplicate = false;
        row.Rule = null;
        if (row.Removed)
        {
            return;
        }
        if (row.Form.HasPortFields && !ApplyPortText(row))
        {
            row.Errors["ports"] = PortFormatMessage;
        }
        else
        {
            var (rule, error, field) = row.Form.Validate();
            if (error is not null)
            {
                var column = Column(field);
                row.Errors[column] = column == "ports" && error.Type == NeutronErrorTypes.Required ? PortFormatMessage : RuleErrorText.Describe(error);
            }
            else
            {
                row.Rule = rule;
            }
        }
        row.IsChanged = row.Original is { } original && (row.Rule is not { } now || !SameRule(now, original.ToNormalized()));
    }

    /// <summary>Reads the port text into the form: "22", "8000-8100" (also with spaces or an en dash), "all"; false when it is none of them.</summary>
    private static bool ApplyPortText(RulesTableRow row)
    {
        var text = row.PortText.Trim();
        var form = row.Form;
        if (text.Length == 0)
        {
            form.PortMode = PortMode.Single;
            form.Port = null;
            return true; // "Enter a port": the form's own check says so
        }
        if (text.Equals("all", StringComparison.OrdinalIgnoreCase) || text.Equals("any", StringComparison.OrdinalIgnoreCase))
        {
            form.PortMode = PortMode.All;
            return true;
        }
        var parts = text.Split(['-', '–'], 2, StringSplitOptions.TrimEntries);
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from))
        {
            return false;
        }
        if (parts.Length == 1)
        {
            form.PortMode = PortMode.Single;
            form.Port = from;
            return true;
        }
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var to))
        {
            return false;
        }
        form.PortMode = PortMode.Range;
        form.PortFrom = from;
        form.PortTo = to;
        return true;
    }

    /// <summary>The port text a stored rule's form starts with.</summary>
    public static string PortTextOf(RuleFormModel form) => form.PortMode switch
    {
        PortMode.All => "all",
        PortMode.Single => form.Port?.ToString(CultureInfo.InvariantCulture) ?? "",
        _ => $"{form.PortFrom}-{form.PortTo}",
    };

    /// <summary>The table's column for a field of the rule form.</summary>
    private static string Column(string? formField) => formField switch
    {
        "port" or "port_from" or "port_to" => "ports",
        "icmp_type" => "icmp_type",
        "icmp_code" => "icmp_code",
        "protocol_number" => "protocol",
        "template" => "template",
        "cidr" or "remote" or "remote_group" or "remote_address_group" or "ethertype" => "remote",
        "description" => "description",
        _ => "row",
    };

    private static bool SameRule(in NormalizedRule a, in NormalizedRule b) =>
        RuleKey.For(a) == RuleKey.For(b) && a.RemoteIpPrefix == b.RemoteIpPrefix && a.Description == b.Description;

    /// <summary>The change set of the draft; its lists are in the order of <see cref="AddedRows"/>, <see cref="ChangedRows"/>, <see cref="RemovedRows"/>.</summary>
    public RuleChangeSet ToChangeSet() => new()
    {
        Added = [.. AddedRows.Select(r => r.Form.ToInput())],
        Changed = [.. ChangedRows.Select(r => new RuleChange(r.Original!.Id, r.Form.ToInput(), r.Original.RevisionNumber))],
        Removed = [.. RemovedRows.Select(r => new RuleRemoval(r.Original!.Id, r.Original.RevisionNumber))],
    };

    /// <summary>
    /// The draft for the exposure preview (<c>ExposurePreview</c>): new rows as added rules, edited rows as their rules'
    /// new content, removed rows by id; null while there is nothing to save or a row still has a problem.
    /// </summary>
    public DraftChange? ToExposureDraft() => !CanSave ? null : new DraftChange
    {
        AddedRules = [.. AddedRows.Select(r => new AnalysisRule($"draft-{r.Key}", r.Rule!.Value))],
        ChangedRules = [.. ChangedRows.Select(r => new AnalysisRule(r.Original!.Id, r.Rule!.Value))],
        RemovedRuleIds = [.. RemovedRows.Select(r => r.Original!.Id)],
    };

    public IEnumerable<RulesTableRow> AddedRows => Rows.Where(r => r.IsNew && !r.Removed);
    public IEnumerable<RulesTableRow> ChangedRows => Rows.Where(r => !r.IsNew && !r.Removed && r.IsChanged);
    public IEnumerable<RulesTableRow> RemovedRows => Rows.Where(r => !r.IsNew && r.Removed);

    /// <summary>The row a refusal of the service names.</summary>
    public RulesTableRow? RowOf(RuleChangeSetException refusal) => (refusal.Part switch
    {
        RuleChangeSetPart.Added => AddedRows,
        RuleChangeSetPart.Changed => ChangedRows,
        _ => RemovedRows,
    }).ElementAtOrDefault(refusal.Index);

    /// <summary>Shows the service's refusal at its row, under the column of its field.</summary>
    public void ShowRefusal(RulesTableRow row, NeutronError error)
    {
        row.Touched = true;
        row.Errors[Column(row.Form.FormFieldFor(error))] = RuleErrorText.Describe(error);
    }
}
