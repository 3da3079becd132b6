using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>
/// One rule as the grid shows it, kept small: it stores only the rule's fields and works its texts out when a row
/// is drawn. The group page holds these only for the rows on screen; the rule dialog for the group's rules.
/// </summary>
public sealed class RuleRow
{
    private readonly int? portRangeMin;
    private readonly int? portRangeMax;
    private readonly string? normalizedCidr;

    private readonly CompactRuleId id;

    public RuleRow(SecurityGroupRule rule, string? remoteGroupName)
    {
        id = new CompactRuleId(rule.Id);
        GroupId = rule.SecurityGroupId;
        Direction = rule.Direction;
        Ethertype = rule.Ethertype;
        ProtocolValue = rule.Protocol;
        portRangeMin = rule.PortRangeMin;
        portRangeMax = rule.PortRangeMax;
        RemoteIpPrefix = rule.RemoteIpPrefix;
        normalizedCidr = rule.NormalizedCidr == rule.RemoteIpPrefix ? rule.RemoteIpPrefix : rule.NormalizedCidr;
        RemoteGroupId = rule.RemoteGroupId;
        RemoteAddressGroupId = rule.RemoteAddressGroupId;
        RemoteGroupName = remoteGroupName;
        Description = string.IsNullOrEmpty(rule.Description) ? "" : rule.Description;
        IsAnyNotSet = rule.RemoteIpPrefix is null && rule.RemoteGroupId is null && rule.RemoteAddressGroupId is null;
        Exposure = RuleExposure.Of(rule.ToNormalized());
        Tags = rule.Tags;
    }

    public string Id => id.ToString();
    public CompactRuleId CompactId => id;
    public string GroupId { get; }
    public string Direction { get; }
    public string Ethertype { get; }
    public string? ProtocolValue { get; }
    public string? RemoteIpPrefix { get; }
    public string? NormalizedCidr => normalizedCidr;
    public string? RemoteGroupId { get; }
    public string? RemoteAddressGroupId { get; }
    /// <summary>The remote group's name, or for an address group its label ("address group office, 3 addresses").</summary>
    public string? RemoteGroupName { get; }
    public string Description { get; }
    /// <summary>The rule's tags in ordinal order (read for the rows drawn; empty when not read).</summary>
    public IReadOnlyList<string> Tags { get; }
    /// <summary>No prefix and no remote group: any address, but stored as "not set" (unlike an explicit 0.0.0.0/0).</summary>
    public bool IsAnyNotSet { get; }
    public bool HasHostBits => RemoteIpPrefix is not null && normalizedCidr != RemoteIpPrefix;
    /// <summary>Whether and why the rule is exposed to the whole internet (<see cref="RuleExposure"/>).</summary>
    public ExposureVerdict Exposure { get; }
    /// <summary>Marked "exposed" in the grid: see <see cref="Exposure"/>.</summary>
    public bool IsExposed => Exposure.IsExposed;
    public int SortPort => portRangeMin ?? -1;
    public int? PortRangeMax => portRangeMax;

    public string Protocol => RuleText.Protocol(ToNormalized());
    public string PortRange => RuleText.PortRange(ToNormalized());
    public string Remote => RuleText.Remote(ToNormalized(), RemoteGroupName);
    public string Sentence => RuleText.Describe(ToNormalized(), RemoteGroupName);

    public NormalizedRule ToNormalized() => new(
        GroupId, Direction, Ethertype, ProtocolValue, portRangeMin, portRangeMax, RemoteIpPrefix, normalizedCidr,
        RemoteGroupId, RemoteAddressGroupId, Description);

    /// <summary>The rule again as an entity (for the edit dialog).</summary>
    public SecurityGroupRule ToEntity() => new()
    {
        Id = Id,
        SecurityGroupId = GroupId,
        Direction = Direction,
        Ethertype = Ethertype,
        Protocol = ProtocolValue,
        PortRangeMin = portRangeMin,
        PortRangeMax = portRangeMax,
        RemoteIpPrefix = RemoteIpPrefix,
        NormalizedCidr = normalizedCidr,
        RemoteGroupId = RemoteGroupId,
        RemoteAddressGroupId = RemoteAddressGroupId,
        Description = Description,
        Tags = Tags,
    };

    public bool Matches(string? search) =>
        string.IsNullOrWhiteSpace(search) ||
        Description.Contains(search, StringComparison.OrdinalIgnoreCase) ||
        Tags.Any(t => t.Contains(search, StringComparison.OrdinalIgnoreCase)) ||
        Sentence.Contains(search, StringComparison.OrdinalIgnoreCase) ||
        PortRange.Contains(search, StringComparison.OrdinalIgnoreCase);
}
