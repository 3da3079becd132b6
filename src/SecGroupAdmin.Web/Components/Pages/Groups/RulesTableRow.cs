using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>
/// One row of the rules table editor: a stored rule (or a new one) in a <see cref="RuleFormModel"/>, the same form the
/// rule dialog validates, with what the table adds: the port range as one text, the removed mark, and what the last
/// check found (errors by column, a warning, whether it differs from the stored rule).
/// </summary>
public sealed class RulesTableRow(int key, SecurityGroupRule? original, RuleFormModel form, string portText)
{
    /// <summary>Stable for the row's lifetime: element ids and Blazor's @key.</summary>
    public int Key { get; } = key;

    /// <summary>The stored rule the row edits (with the revision it was read at); null for a new row.</summary>
    public SecurityGroupRule? Original { get; } = original;

    public RuleFormModel Form { get; } = form;

    /// <summary>The port range as typed: "22", "8000-8100" or "all".</summary>
    public string PortText { get; set; } = portText;

    public bool IsNew => Original is null;

    /// <summary>Marked for removal (a new row is dropped instead); undone by clearing it.</summary>
    public bool Removed { get; set; }

    /// <summary>The user changed something in the row: its errors show (a new row's only from then on).</summary>
    public bool Touched { get; set; }

    /// <summary>The messages of the last check by column: template, ports, icmp_type, icmp_code, protocol, remote, description, row.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>A draft-wide finding about the row (same rule or same network as another row), or null.</summary>
    public string? Warning { get; set; }

    /// <summary>The row repeats another (Neutron refuses it): Save waits until one goes.</summary>
    public bool IsDuplicate { get; set; }

    /// <summary>The rule as validated by the last check; null while the row has errors.</summary>
    public NormalizedRule? Rule { get; set; }

    /// <summary>A stored rule the row no longer matches (or cannot be read as a rule any more).</summary>
    public bool IsChanged { get; set; }

    public bool IsValid => Errors.Count == 0;
}
