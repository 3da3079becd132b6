using SecGroupAdmin.Domain.Analysis;

namespace SecGroupAdmin.Web.Analysis;

/// <summary>
/// A what-if verdict for a page: the Domain's <see cref="FlowVerdict"/>, the matching rules in words (by rule id) and
/// the names of their groups the caller may read (by group id).
/// </summary>
public sealed record FlowAnswer(FlowVerdict Verdict, IReadOnlyDictionary<string, string> RuleTexts, IReadOnlyDictionary<string, string> GroupNames);
