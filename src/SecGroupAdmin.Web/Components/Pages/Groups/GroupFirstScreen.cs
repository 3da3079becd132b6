using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>
/// What the group page shows at first paint, read once while the page is prerendered and handed to the circuit in
/// the page (Blazor's persisted component state), so the circuit draws the same head and rows without reading them
/// again: the group's head, the counts, the rule quota's reason, and the first rows of the ingress tab in the
/// default order. Kept small (a screen of rows), because it travels inside the prerendered HTML.
/// </summary>
public sealed class GroupFirstScreen
{
    /// <summary>
    /// How many rows of the first tab the prerendered page carries: a tall screen's worth (the grid is the window's
    /// height less 360 px, 44 px a row: 13 rows on a 1080p screen, 21 on a 1440p one). Every row is drawn twice before
    /// the page is interactive (in the prerendered page, then by the circuit), so no more than a screen.
    /// </summary>
    public const int RowCount = 24;

    public string TenantName { get; set; } = "";
    /// <summary>Whether the buttons are drawn; the circuit decides again what the user may do before acting.</summary>
    public bool CanWrite { get; set; }
    public string GroupId { get; set; } = "";
    public string TenantId { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public bool Stateful { get; set; }
    public long RevisionNumber { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public bool IsDefault { get; set; }
    /// <summary>The owner tenant's name when the group is another tenant's, shared with this one (read-only here).</summary>
    public string? SharedBy { get; set; }
    /// <summary>Whether the Share button is drawn (the owner tenant's admins, CloudAdmins).</summary>
    public bool CanShare { get; set; }
    public string? RuleQuotaReason { get; set; }
    public int IngressCount { get; set; }
    public int EgressCount { get; set; }
    public int ExposedCount { get; set; }
    /// <summary>The ingress tab's first rules, in the grid's default order.</summary>
    public List<FirstScreenRule> Rules { get; set; } = [];
    /// <summary>The names of the remote groups those rules refer to.</summary>
    public Dictionary<string, string> RemoteNames { get; set; } = [];

    /// <summary>The group's head as the page shows it (no rules).</summary>
    public SecurityGroup ToGroup() => new()
    {
        Id = GroupId,
        TenantId = TenantId,
        Name = Name,
        Description = Description,
        Stateful = Stateful,
        RevisionNumber = RevisionNumber,
        UpdatedAt = UpdatedAt,
        UpdatedBy = UpdatedBy,
    };

    /// <summary>
    /// What is shown, from the group's head as read, its counts, and its first rules in the default order (at most
    /// <see cref="RowCount"/>, with their tags); <paramref name="remoteNames"/> names the rules' remote groups and address groups.
    /// </summary>
    public static GroupFirstScreen Of(TenantContext context, SecurityGroup group, bool isDefault, string? ruleQuotaReason,
        int ingressCount, int egressCount, int exposedCount, IReadOnlyList<SecurityGroupRule> rules, IReadOnlyDictionary<string, string> remoteNames,
        string? sharedBy = null) => new()
        {
            TenantName = context.Tenant.Name,
            CanWrite = context.CanWrite && sharedBy is null,
            SharedBy = sharedBy,
            CanShare = context.IsTenantAdmin && sharedBy is null,
            GroupId = group.Id,
            TenantId = group.TenantId,
            Name = group.Name,
            Description = group.Description,
            Stateful = group.Stateful,
            RevisionNumber = group.RevisionNumber,
            UpdatedAt = group.UpdatedAt,
            UpdatedBy = group.UpdatedBy,
            IsDefault = isDefault,
            RuleQuotaReason = ruleQuotaReason,
            IngressCount = ingressCount,
            EgressCount = egressCount,
            ExposedCount = exposedCount,
            Rules = [.. rules.Take(RowCount).Select(FirstScreenRule.Of)],
            RemoteNames = rules.Take(RowCount).Select(r => r.RemoteGroupId ?? r.RemoteAddressGroupId).OfType<string>().Where(remoteNames.ContainsKey)
            .Distinct().ToDictionary(id => id, id => remoteNames[id]),
        };
}
