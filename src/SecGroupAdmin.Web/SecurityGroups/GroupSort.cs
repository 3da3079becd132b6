namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>What the groups page is sorted by (the default group always comes first).</summary>
public enum GroupSort
{
    Name,
    LastChanged,
}
