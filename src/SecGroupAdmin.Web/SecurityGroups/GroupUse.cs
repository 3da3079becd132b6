namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>
/// Where a group is used in a tenant (the group page's "Where used"): the first ports that use it, and the first groups
/// whose rules name it as remote group, each list at most <see cref="GroupDeleteImpactQuery.Shown"/> long; the counts
/// are all of them.
/// </summary>
public sealed record GroupUse(IReadOnlyList<GroupPortUse> Ports, int PortCount, IReadOnlyList<GroupReference> Groups, int GroupCount, int RuleCount);
