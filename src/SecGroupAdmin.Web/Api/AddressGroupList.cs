using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.AddressGroups;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// <c>GET /v2.0/address-groups</c> answered from SQL (<see cref="SqlList"/>): the visible address groups filtered,
/// ordered and paged by the database, then the addresses of the groups written (one query per batch of groups), in the
/// order they were added. Without a limit the groups are written as they arrive, a batch at a time.
/// </summary>
public static class AddressGroupList
{
    /// <summary>
    /// Address groups whose addresses are read and written together in a list without limit (a batch of large groups
    /// is some thousand addresses in memory); the response is flushed after each batch.
    /// </summary>
    internal const int Batch = 100;

    /// <summary>Writes <c>{"address_groups": [...]}</c>, with <c>address_groups_links</c> when paged.</summary>
    public static async Task WriteAsync(Utf8JsonWriter w, Func<Task> flush, IDbContextFactory<AppDbContext> dbFactory, Caller caller,
        ListQuery query, HttpRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var postgres = SqlList.IsPostgres(db);
        var source = SqlList.Filter(Visible.AddressGroups(db, caller).AsNoTracking(), query, ListFields.AddressGroups);

        w.WriteStartObject();
        w.WriteStartArray("address_groups");
        if (query.Limit is int limit)
        {
            var page = await SqlList.PageAsync(source, query, ListFields.AddressGroups, limit, postgres, q => q, ct);
            await WriteGroupsAsync(w, page, query, dbFactory, ct);
            w.WriteEndArray();
            if (query.Links(request, page.Count, page.FirstOrDefault()?.Id, page.LastOrDefault()?.Id) is { Count: > 0 } links)
            {
                w.WritePropertyName("address_groups_links");
                links.WriteTo(w);
            }
        }
        else
        {
            var batch = new List<AddressGroup>(Batch);
            var rows = SqlList.Order(source, query, ListFields.AddressGroups, postgres).AsAsyncEnumerable();
            await foreach (var group in rows.WithCancellation(ct))
            {
                batch.Add(group);
                if (batch.Count == Batch)
                {
                    await WriteGroupsAsync(w, batch, query, dbFactory, ct);
                    batch.Clear();
                    await flush();
                }
            }
            await WriteGroupsAsync(w, batch, query, dbFactory, ct);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static async Task WriteGroupsAsync(Utf8JsonWriter w, List<AddressGroup> groups, ListQuery query,
        IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct)
    {
        if (groups.Count > 0 && query.Selects("addresses"))
        {
            // A second context: the first may still be streaming the groups.
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var byId = groups.ToDictionary(g => g.Id, StringComparer.Ordinal);
            var ids = byId.Keys.ToList();
            var addresses = ids.Count == 1
                ? db.AddressGroupAddresses.Where(a => a.AddressGroupId == ids[0])
                : db.AddressGroupAddresses.Where(a => ids.Contains(a.AddressGroupId));
            await foreach (var address in addresses.AsNoTracking().AsAsyncEnumerable().WithCancellation(ct))
            {
                byId[address.AddressGroupId].Addresses.Add(address);
            }
        }
        foreach (var group in groups)
        {
            Select(query, ResourceViews.AddressGroup(group)).WriteTo(w);
        }
    }

    /// <summary>
    /// <c>fields=</c> applied as the reference applies it to address groups: <c>tenant_id</c> comes along with whatever
    /// was asked for (the policy engine's required field is not stripped there).
    /// </summary>
    public static JsonObject Select(ListQuery query, JsonObject view)
    {
        if (query.SelectsAll)
        {
            return view;
        }
        var selected = query.Select(view);
        selected["tenant_id"] = view["tenant_id"]?.DeepClone();
        return selected;
    }
}
