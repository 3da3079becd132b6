namespace SecGroupAdmin.Web.Events;

/// <summary>What happened to a resource, as events, the live feed and the audit log name it.</summary>
public static class ResourceActions
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
}
