namespace SecGroupAdmin.Web.RuleFiles;

/// <summary>An import file read: its rules (fields as given) and the parts that could not be read as rules.</summary>
public sealed record RuleFileParseResult(IReadOnlyList<RuleFileRow> Rows, IReadOnlyList<RuleFileError> Errors);
