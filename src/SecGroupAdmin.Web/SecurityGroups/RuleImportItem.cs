using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>
/// One valid rule of an import's dry run: where it is in the file, the rule in words, its input (for the apply), and
/// the id of the rule the group already holds with its key (null when the import would add it).
/// </summary>
public sealed record RuleImportItem(string Where, string Sentence, RuleInput Input, string? ExistingRuleId);
