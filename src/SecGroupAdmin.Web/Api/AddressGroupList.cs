using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.AddressGroups;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// <c>GET /v2.0/address-groups</c> answered from SQL (<see cref="SqlList"/>): the visible address groups filtered,
/// ordered and paged by the database, then the addresses of the groups answered (one query), in the order they were added.
/// </summary>
public static class AddressGroupList
{
    /// <summary><c>{"address_groups": [...]}</c>, with <c>address_groups_links</c> when paged.</summary>
    public static async Task<JsonObject> ReadAsync(AppDbContext db, Caller caller, ListQuery query, HttpRequest request, CancellationToken ct)
    {
        var postgres = SqlList.IsPostgres(db);
        var source = SqlList.Filter(Visible.AddressGroups(db, caller).AsNoTracking(), query, ListFields.AddressGroups);
        List<AddressGroup> groups;
        JsonArray? links = null;
        if (query.Limit is int limit)
        {
            groups = await SqlList.PageAsync(source, query, ListFields.AddressGroups, limit, postgres, q => q, ct);
            links = query.Links(request, groups.Count, groups.FirstOrDefault()?.Id, groups.LastOrDefault()?.Id);
        }
        else
        {
            groups = await SqlList.Order(source, query, ListFields.AddressGroups, postgres).ToListAsync(ct);
        }
        if (groups.Count > 0 && query.Selects("addresses"))
        {
            var byId = groups.ToDictionary(g => g.Id, StringComparer.Ordinal);
            var ids = byId.Keys.ToList();
            var addresses = ids.Count == 1
                ? db.AddressGroupAddresses.Where(a => a.AddressGroupId == ids[0])
                : db.AddressGroupAddresses.Where(a => ids.Contains(a.AddressGroupId));
            foreach (var address in await addresses.AsNoTracking().ToListAsync(ct))
            {
                byId[address.AddressGroupId].Addresses.Add(address);
            }
        }
        var body = new JsonObject
        {
            ["address_groups"] = new JsonArray([.. groups.Select(g => (JsonNode)Select(query, ResourceViews.AddressGroup(g)))]),
        };
        if (links is { Count: > 0 })
        {
            body["address_groups_links"] = links;
        }
        return body;
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
