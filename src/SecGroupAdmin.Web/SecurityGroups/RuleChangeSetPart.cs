namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>Which list of a <see cref="RuleChangeSet"/> a refused row is in.</summary>
public enum RuleChangeSetPart
{
    Added,
    Changed,
    Removed,
}
