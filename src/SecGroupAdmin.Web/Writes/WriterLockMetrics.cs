using System.Diagnostics.Metrics;

namespace SecGroupAdmin.Web.Writes;

/// <summary>
/// How long PostgreSQL write transactions wait for their writer locks (<see cref="WriterLocks"/>), on the app's meter
/// <c>SecGroupAdmin</c>: the histogram <c>secgroupadmin.writes.lock_wait</c> (milliseconds, tagged <c>scope</c> =
/// tenant or global), and <c>secgroupadmin.writes.lock_retries</c>, writes re-run because they met a tenant they had
/// not locked.
/// </summary>
public static class WriterLockMetrics
{
    public const string LockWaitName = "secgroupadmin.writes.lock_wait";

    private static readonly Meter Meter = new(Operations.AppMetrics.MeterName);

    private static readonly Histogram<double> LockWait = Meter.CreateHistogram<double>(
        LockWaitName, "ms", "Time a write transaction waited for its PostgreSQL writer locks.");

    private static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "secgroupadmin.writes.lock_retries", "{retry}", "Writes run again because they met a tenant whose lock they did not hold.");

    public static void RecordWait(TimeSpan waited, bool global) =>
        LockWait.Record(waited.TotalMilliseconds, new KeyValuePair<string, object?>("scope", global ? "global" : "tenant"));

    public static void RecordRetry() => Retries.Add(1);
}
