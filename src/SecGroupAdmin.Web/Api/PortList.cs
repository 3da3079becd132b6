using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Ports;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// <c>GET /v2.0/ports</c> answered from SQL (<see cref="SqlList"/>): the visible ports filtered, ordered and paged by
/// the database, each with the ids of its groups; written as they arrive when there is no limit.
/// </summary>
public static class PortList
{
    /// <summary>Ports written before each flush in a list without limit.</summary>
    private const int Batch = 500;

    /// <summary>Writes <c>{"ports": [...]}</c> (with links when paged).</summary>
    public static async Task WriteAsync(Utf8JsonWriter w, Func<Task> flush, IDbContextFactory<AppDbContext> dbFactory, Caller caller,
        ListQuery query, HttpRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var postgres = SqlList.IsPostgres(db);
        var source = SqlList.Filter(Visible.Ports(db, caller).AsNoTracking(), query, ListFields.Ports);
        // The groups and addresses only when security_groups or fixed_ips is written; with fields, only the columns asked for.
        var groups = query.Selects("security_groups");
        var addresses = query.Selects(FixedIpFilter.Key);
        var columns = groups || addresses ? null : SqlList.Columns(query, ListFields.Ports);
        IQueryable<Port> Shape(IQueryable<Port> rows) => columns is not null ? rows.Select(columns)
            : (groups, addresses) switch
            {
                (true, true) => rows.Include(p => p.SecurityGroups).Include(p => p.FixedIps),
                (true, false) => rows.Include(p => p.SecurityGroups),
                _ => rows.Include(p => p.FixedIps),
            };

        w.WriteStartObject();
        w.WriteStartArray("ports");
        if (query.Limit is int limit)
        {
            var page = await SqlList.PageAsync(source, query, ListFields.Ports, limit, postgres, Shape, ct);
            foreach (var port in page)
            {
                Write(w, port, query);
            }
            w.WriteEndArray();
            if (query.Links(request, page.Count, page.FirstOrDefault()?.Id, page.LastOrDefault()?.Id) is { Count: > 0 } links)
            {
                w.WritePropertyName("ports_links");
                links.WriteTo(w);
            }
        }
        else
        {
            var written = 0;
            var rows = Shape(SqlList.Order(source, query, ListFields.Ports, postgres)).AsAsyncEnumerable();
            await foreach (var port in rows.WithCancellation(ct))
            {
                Write(w, port, query);
                if (++written % Batch == 0)
                {
                    await flush();
                }
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter w, Port port, ListQuery query) => query.Select(ResourceViews.Port(port)).WriteTo(w);
}
