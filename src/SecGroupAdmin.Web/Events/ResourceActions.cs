namespace SecGroupAdmin.Web.Events;

/// <summary>What happened to a resource, as events, the live feed and the audit log name it.</summary>
public static class ResourceActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";

    /// <summary>A rule edited in place: one audit entry with its before and after (the events are a delete and a create).</summary>
    public const string Replace = "replace";
}
