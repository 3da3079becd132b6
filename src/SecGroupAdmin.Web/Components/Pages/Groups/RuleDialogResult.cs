namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>What the rule dialog did: saved a rule, or pointed at an identical rule that was already there.</summary>
public sealed record RuleDialogResult(string RuleId, bool AlreadyPresent);
