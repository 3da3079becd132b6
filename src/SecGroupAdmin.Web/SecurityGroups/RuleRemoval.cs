namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>A rule of a <see cref="RuleChangeSet"/> to remove, as it was at <paramref name="ExpectedRevision"/>.</summary>
public sealed record RuleRemoval(string RuleId, long ExpectedRevision);
