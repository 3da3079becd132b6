using SecGroupAdmin.Data.SecurityGroups;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>
/// A saved change set: its id (on every audit entry it wrote), the rules added and the new rules of the changed ones
/// (in the change set's order), the ids removed, and the group's new revision.
/// </summary>
public sealed record RuleChangeSetResult(string ChangeSetId, IReadOnlyList<SecurityGroupRule> Added, IReadOnlyList<SecurityGroupRule> Changed,
    IReadOnlyList<string> RemovedIds, long GroupRevision);
