using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>A rule of another group that names a group as its remote group (<see cref="GroupDeleteImpact"/>).</summary>
public sealed record GroupReferencingRule(string Id, string GroupId, string GroupName, NormalizedRule Rule);
