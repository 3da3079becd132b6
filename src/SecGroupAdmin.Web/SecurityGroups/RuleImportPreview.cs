using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.RuleFiles;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>
/// An import's dry run against one group (<see cref="SecurityGroupService.PreviewImportAsync"/>): the rules it would add,
/// the ones the group already holds (or the file repeats), and the invalid ones with the reason. Nothing is written.
/// </summary>
public sealed record RuleImportPreview(IReadOnlyList<RuleImportItem> ToAdd, IReadOnlyList<RuleImportItem> Present, IReadOnlyList<RuleFileError> Invalid)
{
    /// <summary>The inputs an apply sends (the rules to add, in file order).</summary>
    public IReadOnlyList<RuleInput> Inputs => [.. ToAdd.Select(i => i.Input)];
}
