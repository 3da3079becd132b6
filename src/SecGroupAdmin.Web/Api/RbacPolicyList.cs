using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Rbac;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Rbac;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// <c>GET /v2.0/rbac-policies</c> answered from SQL (<see cref="SqlList"/>): the policies the caller may see
/// (<see cref="RbacPolicyService.Visible"/>) filtered, ordered and paged by the database; written as they arrive when
/// there is no limit, as the other lists.
/// </summary>
public static class RbacPolicyList
{
    /// <summary>Policies written before each flush in a list without limit.</summary>
    private const int Batch = 500;

    /// <summary>Writes <c>{"rbac_policies": [...]}</c> (with links when paged).</summary>
    public static async Task WriteAsync(Utf8JsonWriter w, Func<Task> flush, IDbContextFactory<AppDbContext> dbFactory, Caller caller,
        ListQuery query, HttpRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var postgres = SqlList.IsPostgres(db);
        var source = SqlList.Filter(RbacPolicyService.Visible(db, caller).AsNoTracking(), query, ListFields.RbacPolicies);

        w.WriteStartObject();
        w.WriteStartArray("rbac_policies");
        if (query.Limit is int limit)
        {
            var page = await SqlList.PageAsync(source, query, ListFields.RbacPolicies, limit, postgres, q => q, ct);
            foreach (var policy in page)
            {
                Write(w, policy, query);
            }
            w.WriteEndArray();
            if (query.Links(request, page.Count, page.FirstOrDefault()?.Id, page.LastOrDefault()?.Id) is { Count: > 0 } links)
            {
                w.WritePropertyName("rbac_policies_links");
                links.WriteTo(w);
            }
        }
        else
        {
            var written = 0;
            var rows = SqlList.Order(source, query, ListFields.RbacPolicies, postgres).AsAsyncEnumerable();
            await foreach (var policy in rows.WithCancellation(ct))
            {
                Write(w, policy, query);
                if (++written % Batch == 0)
                {
                    await flush();
                }
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter w, RbacPolicy policy, ListQuery query) => query.Select(ResourceViews.RbacPolicy(policy)).WriteTo(w);
}
