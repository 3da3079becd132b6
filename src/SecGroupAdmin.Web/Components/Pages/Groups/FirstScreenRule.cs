using SecGroupAdmin.Data.SecurityGroups;

namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>One rule of the <see cref="GroupFirstScreen"/>: only the fields a row shows.</summary>
public sealed record FirstScreenRule(
    string Id,
    string GroupId,
    string Direction,
    string Ethertype,
    string? Protocol,
    int? PortRangeMin,
    int? PortRangeMax,
    string? RemoteIpPrefix,
    string? NormalizedCidr,
    string? RemoteGroupId,
    string? RemoteAddressGroupId,
    string? Description,
    IReadOnlyList<string> Tags)
{
    public static FirstScreenRule Of(SecurityGroupRule rule) => new(rule.Id, rule.SecurityGroupId, rule.Direction, rule.Ethertype, rule.Protocol,
        rule.PortRangeMin, rule.PortRangeMax, rule.RemoteIpPrefix, rule.NormalizedCidr, rule.RemoteGroupId, rule.RemoteAddressGroupId, rule.Description, rule.Tags);

    /// <summary>The rule again, as the grid's rows are made from it.</summary>
    public SecurityGroupRule ToEntity() => new()
    {
        Id = Id,
        SecurityGroupId = GroupId,
        Direction = Direction,
        Ethertype = Ethertype,
        Protocol = Protocol,
        PortRangeMin = PortRangeMin,
        PortRangeMax = PortRangeMax,
        RemoteIpPrefix = RemoteIpPrefix,
        NormalizedCidr = NormalizedCidr,
        RemoteGroupId = RemoteGroupId,
        RemoteAddressGroupId = RemoteAddressGroupId,
        Description = Description,
        Tags = Tags ?? [],
        HasTags = Tags is { Count: > 0 },
    };
}
