using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Domain.DefaultRules;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.DefaultRules;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// <c>/v2.0/default-security-group-rules</c> (Neutron 2023.2, extension <c>security-groups-default-rules</c>): list,
/// show, create (single and bulk), delete; PUT answers 405 as for rules. Bulk create is all or nothing here (Neutron's
/// plugin has no bulk method for this resource, so it answers 500: a deliberate delta).
/// </summary>
public static class DefaultRuleEndpoints
{
    /// <summary>Default rules written before each flush in a list without limit.</summary>
    private const int Batch = 500;

    private static readonly HashSet<string> WritableOnCreate =
    [
        "direction", "ethertype", "protocol", "port_range_min", "port_range_max", "remote_ip_prefix", "remote_group_id",
        "remote_address_group_id", "description", "used_in_default_sg", "used_in_non_default_sg", "project_id", "tenant_id",
    ];
    private static readonly HashSet<string> Known = [.. WritableOnCreate, "id"];
    internal static readonly HashSet<string> Filterable =
    [
        "id", "direction", "ethertype", "protocol", "port_range_min", "port_range_max", "remote_ip_prefix", "remote_group_id",
        "remote_address_group_id", "description", "used_in_default_sg", "used_in_non_default_sg",
    ];
    internal static readonly HashSet<string> Sortable =
    [
        "id", "direction", "ethertype", "protocol", "port_range_min", "port_range_max", "remote_ip_prefix", "remote_group_id",
        "remote_address_group_id",
    ];

    public static void Map(RouteGroupBuilder v2)
    {
        v2.Map("/default-security-group-rules", ApiRequest.Dispatch(("GET", ListAsync), ("POST", CreateAsync)));
        v2.Map("/default-security-group-rules/{id}", ApiRequest.Dispatch(("GET", ShowAsync), ("DELETE", DeleteAsync)));
    }

    private static Task<IResult> ListAsync(HttpContext context, Caller caller)
    {
        var query = ListQuery.Parse(context, Filterable, Sortable);
        var dbFactory = context.RequestServices.GetRequiredService<IDbContextFactory<AppDbContext>>();
        return Task.FromResult<IResult>(new StreamedJsonResult((w, flush, ct) => WriteListAsync(w, flush, dbFactory, query, context.Request, ct)));
    }

    /// <summary>
    /// Writes <c>{"default_security_group_rules": [...]}</c> (with links when paged), filtered, ordered and paged in SQL
    /// (<see cref="SqlList"/>); written as they arrive when there is no limit, as the other lists.
    /// </summary>
    private static async Task WriteListAsync(Utf8JsonWriter w, Func<Task> flush, IDbContextFactory<AppDbContext> dbFactory,
        ListQuery query, HttpRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var postgres = SqlList.IsPostgres(db);
        var source = SqlList.Filter(db.DefaultSecurityGroupRules.AsNoTracking(), query, ListFields.DefaultRules);
        w.WriteStartObject();
        w.WriteStartArray("default_security_group_rules");
        if (query.Limit is int limit)
        {
            var page = await SqlList.PageAsync(source, query, ListFields.DefaultRules, limit, postgres, q => q, ct);
            foreach (var rule in page)
            {
                query.Select(ResourceViews.DefaultRule(rule)).WriteTo(w);
            }
            w.WriteEndArray();
            if (query.Links(request, page.Count, page.FirstOrDefault()?.Id, page.LastOrDefault()?.Id) is { Count: > 0 } links)
            {
                w.WritePropertyName("default_security_group_rules_links");
                links.WriteTo(w);
            }
        }
        else
        {
            var written = 0;
            var rows = SqlList.Order(source, query, ListFields.DefaultRules, postgres).AsAsyncEnumerable();
            await foreach (var rule in rows.WithCancellation(ct))
            {
                query.Select(ResourceViews.DefaultRule(rule)).WriteTo(w);
                if (++written % Batch == 0)
                {
                    await flush();
                }
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static async Task<IResult> ShowAsync(HttpContext context, Caller caller)
    {
        var query = ListQuery.Parse(SecurityGroupEndpoints.FieldsOnly(context.Request.Query), Filterable, Sortable);
        var service = context.RequestServices.GetRequiredService<DefaultRuleService>();
        var rule = await service.GetAsync(caller, Id(context), context.RequestAborted);
        return NeutronResults.Json(new JsonObject { ["default_security_group_rule"] = query.Select(ResourceViews.DefaultRule(rule)) });
    }

    private static async Task<IResult> CreateAsync(HttpContext context, Caller caller)
    {
        var body = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted, resourceBody: true);
        var bulk = body.TryGetProperty("default_security_group_rules", out var list);
        var resources = bulk ? SecurityGroupEndpoints.BulkItems(list, context, "default_security_group_rule") : [RequestBody.Resource(body, "default_security_group_rule")];
        var inputs = new List<DefaultRuleInput>();
        foreach (var resource in resources)
        {
            RequestBody.Owner(resource);
            RequestBody.CheckAttributes(resource, WritableOnCreate, Known, isUpdate: false);
            inputs.Add(ToInput(resource));
        }
        var service = context.RequestServices.GetRequiredService<DefaultRuleService>();
        var created = await service.CreateAsync(caller, inputs, context.RequestAborted);
        var views = created.Select(ResourceViews.DefaultRule).ToList();
        return NeutronResults.Json(bulk
            ? new JsonObject { ["default_security_group_rules"] = new JsonArray([.. views]) }
            : new JsonObject { ["default_security_group_rule"] = views[0] }, StatusCodes.Status201Created);
    }

    private static DefaultRuleInput ToInput(JsonElement r) => new()
    {
        Direction = JsonInput.Get(r, "direction"),
        Ethertype = JsonInput.Get(r, "ethertype"),
        Protocol = JsonInput.Get(r, "protocol"),
        PortRangeMin = JsonInput.Get(r, "port_range_min"),
        PortRangeMax = JsonInput.Get(r, "port_range_max"),
        RemoteIpPrefix = JsonInput.Get(r, "remote_ip_prefix"),
        RemoteGroupId = JsonInput.Get(r, "remote_group_id"),
        RemoteAddressGroupId = JsonInput.Get(r, "remote_address_group_id"),
        Description = JsonInput.Get(r, "description"),
        UsedInDefaultSg = JsonInput.Get(r, "used_in_default_sg"),
        UsedInNonDefaultSg = JsonInput.Get(r, "used_in_non_default_sg"),
    };

    private static async Task<IResult> DeleteAsync(HttpContext context, Caller caller)
    {
        var service = context.RequestServices.GetRequiredService<DefaultRuleService>();
        await service.DeleteAsync(caller, Id(context), context.RequestAborted);
        return NeutronResults.NoContent();
    }

    private static string Id(HttpContext context) => (string)context.GetRouteValue("id")!;
}
