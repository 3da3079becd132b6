using SecGroupAdmin.Data.SecurityGroups;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>What a copy or an import did: the rules it added (one transaction) and the ones it left out as already present.</summary>
public sealed record RuleCopyResult(IReadOnlyList<SecurityGroupRule> Added, IReadOnlyList<PresentRule> AlreadyPresent)
{
    /// <summary>"4 copied, 2 already present (…)" naming the rules left out (the verb is the caller's: copied, added).</summary>
    public string Summary(string verb) =>
        AlreadyPresent.Count == 0
            ? $"{Added.Count} {verb}."
            : $"{Added.Count} {verb}, {AlreadyPresent.Count} already present ({string.Join("; ", AlreadyPresent.Select(p => p.Sentence))}).";
}
