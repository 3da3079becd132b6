using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>A rule of a <see cref="RuleChangeSet"/> replaced by <paramref name="Input"/>, edited from its revision <paramref name="ExpectedRevision"/>.</summary>
public sealed record RuleChange(string RuleId, RuleInput Input, long ExpectedRevision);
