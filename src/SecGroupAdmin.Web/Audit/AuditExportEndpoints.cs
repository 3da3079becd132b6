using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Audit;

/// <summary>
/// <c>GET /export/audit.csv</c> and <c>/export/audit.json</c>: the audit pages' current filter as a download,
/// for the user signed in by cookie or an API token's user. Query: tenant (name or id), actor, type, resource, action, source, from, to
/// (yyyy-MM-dd or ISO 8601, UTC; "to" is inclusive of that day when only a date is given). Access is decided
/// by <see cref="AuditQuery"/>, as for the pages: 401 signed out, 403 when the user may not see those entries.
/// </summary>
public static class AuditExportEndpoints
{
    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder app)
    {
        // The sign-in cookie or an API token (X-Auth-Token or bearer); anyone else gets a bare 401.
        var signedIn = new AuthorizationPolicyBuilder(ApiTokenAuthenticationDefaults.CookieOrTokenScheme).RequireAuthenticatedUser().Build();
        app.MapGet("/export/audit.csv", (HttpContext http, CancellationToken ct) => ExportAsync(http, "csv", ct)).RequireAuthorization(signedIn).ExcludeFromDescription();
        app.MapGet("/export/audit.json", (HttpContext http, CancellationToken ct) => ExportAsync(http, "json", ct)).RequireAuthorization(signedIn).ExcludeFromDescription();
        return app;
    }

    /// <summary>The export link for a filter; <paramref name="tenantName"/> scopes a tenant page's export.</summary>
    public static string Url(string format, AuditFilter filter, string? tenantName)
    {
        var q = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                q.Add($"{key}={Uri.EscapeDataString(value)}");
            }
        }
        Add("tenant", tenantName ?? filter.TenantId);
        Add("actor", filter.Actor);
        Add("type", filter.ResourceType);
        Add("resource", filter.ResourceId);
        Add("group", filter.SecurityGroupId);
        Add("action", filter.Action);
        Add("source", filter.Source);
        Add("from", filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", filter.To?.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return $"/export/audit.{format}" + (q.Count > 0 ? "?" + string.Join('&', q) : "");
    }

    private static async Task<IResult> ExportAsync(HttpContext http, string format, CancellationToken ct)
    {
        var userId = http.User.Identity?.IsAuthenticated == true ? http.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        if (userId is null)
        {
            return Results.Unauthorized();
        }
        var services = http.RequestServices;
        var query = http.Request.Query;
        string? tenantId = null;
        if (query["tenant"].ToString() is { Length: > 0 } tenantText)
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
            tenantId = await db.Tenants.Where(t => t.Name == tenantText || t.Id == tenantText).Select(t => t.Id).FirstOrDefaultAsync(ct);
            if (tenantId is null)
            {
                return Results.Problem(statusCode: 403, title: "Not allowed");
            }
        }
        // A token acts in its own tenant only (plus global roles), as on the API.
        var tokenTenant = http.User.FindFirstValue(ApiTokenAuthenticationDefaults.TenantClaim);
        var caller = await services.GetRequiredService<CallerFactory>().CreateAsync(
            userId, tokenTenant ?? tenantId, tokenTenant is null ? ChangeSource.UI : ChangeSource.API, ct: ct);
        if (caller is null)
        {
            return Results.Unauthorized();
        }
        if (!TryDate(query["from"], out var from) || !TryDate(query["to"], out var to))
        {
            return Results.Problem(statusCode: 400, title: "from and to must be dates (yyyy-MM-dd)");
        }
        if (to is { } t && t.TimeOfDay == TimeSpan.Zero)
        {
            to = t.AddDays(1);
        }
        var filter = new AuditFilter(tenantId, query["actor"], query["type"], query["resource"], query["action"], query["source"], from, to, query["group"]);
        List<AuditRow> rows;
        try
        {
            rows = await services.GetRequiredService<AuditQuery>().ExportAsync(caller, filter, ct: ct);
        }
        catch (NeutronException)
        {
            return Results.Problem(statusCode: 403, title: "Not allowed");
        }
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        return format == "csv"
            ? Results.File(System.Text.Encoding.UTF8.GetBytes(AuditExport.ToCsv(rows)), "text/csv; charset=utf-8", $"audit-{stamp}.csv")
            : Results.File(System.Text.Encoding.UTF8.GetBytes(AuditExport.ToJson(rows)), "application/json; charset=utf-8", $"audit-{stamp}.json");
    }

    private static bool TryDate(string? text, out DateTime? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d))
        {
            value = DateTime.SpecifyKind(d, DateTimeKind.Utc);
            return true;
        }
        return false;
    }
}
