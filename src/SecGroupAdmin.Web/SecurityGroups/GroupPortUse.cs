namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>A port that uses a group (<see cref="GroupDeleteImpact"/>).</summary>
public sealed record GroupPortUse(string Id, string Name);
