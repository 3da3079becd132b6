using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Domain.Templates;

namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>One rule as the grid shows it: texts worked out once, so 2,000 rows scroll without recomputing.</summary>
public sealed class RuleRow
{
    public RuleRow(SecurityGroupRule rule, string? remoteGroupName)
    {
        Rule = rule;
        var n = rule.ToNormalized();
        Protocol = RuleText.Protocol(n);
        PortRange = RuleText.PortRange(n);
        Remote = RuleText.Remote(n, remoteGroupName);
        Sentence = RuleText.Describe(n, remoteGroupName);
        IsAnyNotSet = rule.RemoteIpPrefix is null && rule.RemoteGroupId is null && rule.RemoteAddressGroupId is null;
        HasHostBits = rule.RemoteIpPrefix is not null && rule.NormalizedCidr != rule.RemoteIpPrefix;
        var fromAnywhere = IsAnyNotSet || rule.RemoteIpPrefix is "0.0.0.0/0" or "::/0";
        IsExposed = rule.Direction == Directions.Ingress && fromAnywhere &&
            (RuleTemplates.IsSensitivePort(rule.Protocol, rule.PortRangeMin, rule.PortRangeMax) ||
             (rule.Protocol is null && rule.RemoteGroupId is null));
        SortPort = rule.PortRangeMin ?? -1;
    }

    public SecurityGroupRule Rule { get; }
    public string Id => Rule.Id;
    public string Ethertype => Rule.Ethertype;
    public string Protocol { get; }
    public string PortRange { get; }
    public string Remote { get; }
    public string Sentence { get; }
    public string Description => Rule.Description ?? "";
    /// <summary>No prefix and no remote group: any address, but stored as "not set" (unlike an explicit 0.0.0.0/0).</summary>
    public bool IsAnyNotSet { get; }
    public bool HasHostBits { get; }
    /// <summary>Ingress from anywhere to an admin or database port, or to everything.</summary>
    public bool IsExposed { get; }
    public int SortPort { get; }

    public bool Matches(string? search) =>
        string.IsNullOrWhiteSpace(search) ||
        Sentence.Contains(search, StringComparison.OrdinalIgnoreCase) ||
        Description.Contains(search, StringComparison.OrdinalIgnoreCase) ||
        PortRange.Contains(search, StringComparison.OrdinalIgnoreCase);
}
