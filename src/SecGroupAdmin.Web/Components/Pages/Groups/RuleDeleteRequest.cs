namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>The user asked to delete these rules; <paramref name="Sentence"/> is the rule in words when one is deleted from its row.</summary>
public sealed record RuleDeleteRequest(IReadOnlyList<CompactRuleId> Ids, string? Sentence);
