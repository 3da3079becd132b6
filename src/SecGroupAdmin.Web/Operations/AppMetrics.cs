using System.Diagnostics.Metrics;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Events;

namespace SecGroupAdmin.Web.Operations;

/// <summary>
/// The app's own meter, <c>SecGroupAdmin</c>: committed writes by resource and action, refused rule writes by
/// NeutronError type, duplicate rules, and open hub connections. Exported with the framework's meters (see
/// <see cref="Telemetry"/>).
/// </summary>
public static class AppMetrics
{
    public const string MeterName = "SecGroupAdmin";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Writes = Meter.CreateCounter<long>(
        "secgroupadmin.writes", "{change}", "Committed changes, by resource type and action.");

    private static readonly Counter<long> Refusals = Meter.CreateCounter<long>(
        "secgroupadmin.rule.refusals", "{refusal}", "Refused rule creations, by NeutronError type.");

    private static readonly Counter<long> Duplicates = Meter.CreateCounter<long>(
        "secgroupadmin.rule.duplicates", "{refusal}", "Rule creations refused because the rule already exists.");

    private static readonly UpDownCounter<long> HubConnections = Meter.CreateUpDownCounter<long>(
        "secgroupadmin.hub.connections", "{connection}", "Open connections to the changes hub.");

    /// <summary>Counts the after-commit events of one committed write.</summary>
    public static void RecordCommitted(IEnumerable<ResourceEvent> committed)
    {
        foreach (var e in committed)
        {
            Writes.Add(1, new KeyValuePair<string, object?>("resource", e.ResourceType), new KeyValuePair<string, object?>("action", e.Action));
        }
    }

    public static void RecordRuleRefusal(NeutronError error)
    {
        Refusals.Add(1, new KeyValuePair<string, object?>("type", error.Type));
        if (error.Type is NeutronErrorTypes.SecurityGroupRuleExists or NeutronErrorTypes.DuplicateSecurityGroupRuleInPost)
        {
            Duplicates.Add(1);
        }
    }

    public static void HubConnected() => HubConnections.Add(1);

    public static void HubDisconnected() => HubConnections.Add(-1);
}
