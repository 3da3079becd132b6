using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>What the copy dialog did: the target group and the copy's result (the page says it and links the target).</summary>
public sealed record RuleCopyOutcome(string TargetId, string TargetName, RuleCopyResult Result);
