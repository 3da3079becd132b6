using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Web.RuleFiles;

/// <summary>One rule read from an import file: where it is ("line 3", "rule 2") and its fields as given (not validated yet).</summary>
public sealed record RuleFileRow(string Where, RuleInput Input);
