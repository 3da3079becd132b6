namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>
/// What deleting a group touches, for the delete dialog: the ports that use it (they block the delete) and the rules in
/// other groups that name it as remote group (<see cref="SecurityGroupService.DeleteGroupAsync"/> deletes them with it,
/// as Neutron's cascade does). Each list holds at most <see cref="GroupDeleteImpactQuery.Shown"/> of them; the counts are
/// all of them.
/// </summary>
public sealed record GroupDeleteImpact(IReadOnlyList<GroupPortUse> Ports, int PortCount, IReadOnlyList<GroupReferencingRule> Rules, int RuleCount);
