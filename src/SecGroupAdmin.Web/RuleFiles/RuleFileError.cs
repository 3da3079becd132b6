namespace SecGroupAdmin.Web.RuleFiles;

/// <summary>Why a part of an import file is not a rule: where ("line 3", "rule 2", "file") and the reason.</summary>
public sealed record RuleFileError(string Where, string Message);
