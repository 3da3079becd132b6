using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.Web.RuleFiles;

/// <summary>
/// <c>GET /export/security-groups/{id}/rules.json</c> and <c>.csv</c>: a group's rules as a download (the group page's
/// Export menu), for the user signed in by cookie or an API token's user; <c>?tenant=</c> (name or id) is the tenant
/// the page is in. The group is read through <see cref="SecurityGroupService.GetGroupAsync"/>: a group the user may
/// not read answers 404, as it would on the API.
/// </summary>
public static class RuleFileEndpoints
{
    public static IEndpointRouteBuilder MapRuleFileExport(this IEndpointRouteBuilder app)
    {
        var signedIn = new AuthorizationPolicyBuilder(ApiTokenAuthenticationDefaults.CookieOrTokenScheme).RequireAuthenticatedUser().Build();
        app.MapGet("/export/security-groups/{id}/rules.json", (HttpContext http, string id, CancellationToken ct) => ExportAsync(http, id, "json", ct))
            .RequireAuthorization(signedIn).ExcludeFromDescription();
        app.MapGet("/export/security-groups/{id}/rules.csv", (HttpContext http, string id, CancellationToken ct) => ExportAsync(http, id, "csv", ct))
            .RequireAuthorization(signedIn).ExcludeFromDescription();
        return app;
    }

    /// <summary>The download link of a group's rules, as seen from tenant <paramref name="tenantName"/>.</summary>
    public static string Url(string groupId, string format, string tenantName) =>
        $"/export/security-groups/{Uri.EscapeDataString(groupId)}/rules.{format}?tenant={Uri.EscapeDataString(tenantName)}";

    private static async Task<IResult> ExportAsync(HttpContext http, string id, string format, CancellationToken ct)
    {
        var userId = http.User.Identity?.IsAuthenticated == true ? http.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        if (userId is null)
        {
            return Results.Unauthorized();
        }
        var services = http.RequestServices;
        string? tenantId = null;
        if (http.Request.Query["tenant"].ToString() is { Length: > 0 } tenantText)
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(ct);
            tenantId = await db.Tenants.Where(t => t.Name == tenantText || t.Id == tenantText).Select(t => t.Id).FirstOrDefaultAsync(ct);
            if (tenantId is null)
            {
                return Results.NotFound();
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
        Data.SecurityGroups.SecurityGroup group;
        try
        {
            group = await services.GetRequiredService<SecurityGroupService>().GetGroupAsync(caller, id, ct);
        }
        catch (NeutronException ex) when (ex.Error.Status == 404)
        {
            return Results.NotFound();
        }
        var name = string.Concat((string.IsNullOrEmpty(group.Name) ? group.Id : group.Name).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        http.Response.Headers.CacheControl = "no-store";
        return format == "csv"
            ? Results.File(Encoding.UTF8.GetBytes(RuleFileWriter.ToCsv(group.Rules)), "text/csv; charset=utf-8", $"{name}-rules.csv")
            : Results.File(Encoding.UTF8.GetBytes(RuleFileWriter.ToJson(group.Rules)), "application/json; charset=utf-8", $"{name}-rules.json");
    }
}
