namespace SecGroupAdmin.Web.Api;

/// <summary>
/// The paths that answer JSON with NeutronError bodies: <c>/v2.0</c> and the analysis API under <c>/api</c> (not the
/// browsable reference at <c>/api/docs</c>, a page). Rate limits and database-outage answers treat them alike.
/// </summary>
public static class ApiPaths
{
    public static bool IsJsonApi(PathString path) =>
        path.StartsWithSegments("/v2.0", StringComparison.OrdinalIgnoreCase)
        || (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/api/docs", StringComparison.OrdinalIgnoreCase));
}
