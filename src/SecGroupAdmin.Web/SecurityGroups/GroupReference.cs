namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>A group whose rules name another group as their remote group, and how many of its rules do (<see cref="GroupUse"/>).</summary>
public sealed record GroupReference(string GroupId, string GroupName, int RuleCount);
