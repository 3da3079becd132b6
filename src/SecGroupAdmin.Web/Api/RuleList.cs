using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Tags;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// <c>GET /v2.0/security-group-rules</c> answered from SQL (<see cref="SqlList"/>): the visible rules filtered,
/// ordered and paged by the database, the default-group flag read for the rules written. Without a limit the rules
/// are written as they arrive, a batch at a time.
/// </summary>
public static class RuleList
{
    /// <summary>Rules written (and flushed) together in a list without limit.</summary>
    private const int Batch = 1000;

    /// <summary>Writes <c>{"security_group_rules": [...]}</c> (with links when paged).</summary>
    public static async Task WriteAsync(Utf8JsonWriter w, Func<Task> flush, IDbContextFactory<AppDbContext> dbFactory, Caller caller,
        ListQuery query, HttpRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var postgres = SqlList.IsPostgres(db);
        var fields = ListFields.Rules(db);
        var source = TagFilters.Rules(db, SqlList.Filter(Visible.Rules(db, caller).AsNoTracking(), query, fields), query);
        // Every column but the duplicate key; with fields, those asked for (belongs_to_default_sg needs the group id,
        // tags the flag that says whether there are any).
        Expression<Func<SecurityGroupRule, object?>>[] also =
        [
            .. query.Selects("belongs_to_default_sg") ? [r => r.SecurityGroupId] : Array.Empty<Expression<Func<SecurityGroupRule, object?>>>(),
            .. query.Selects("tags") ? [r => r.HasTags] : Array.Empty<Expression<Func<SecurityGroupRule, object?>>>(),
        ];
        var columns = SqlList.Columns(query, fields, also) ?? SecurityGroupService.ForReading;

        w.WriteStartObject();
        w.WriteStartArray("security_group_rules");
        if (query.Limit is int limit)
        {
            var page = await SqlList.PageAsync(source, query, fields, limit, postgres, q => q.Select(columns), ct);
            await WriteRulesAsync(w, page, query, dbFactory, ct);
            w.WriteEndArray();
            if (query.Links(request, page.Count, page.FirstOrDefault()?.Id, page.LastOrDefault()?.Id) is { Count: > 0 } links)
            {
                w.WritePropertyName("security_group_rules_links");
                links.WriteTo(w);
            }
        }
        else
        {
            var batch = new List<SecurityGroupRule>(Batch);
            var rows = SqlList.Order(source, query, fields, postgres).Select(columns).AsAsyncEnumerable();
            await foreach (var rule in rows.WithCancellation(ct))
            {
                batch.Add(rule);
                if (batch.Count == Batch)
                {
                    await WriteRulesAsync(w, batch, query, dbFactory, ct);
                    batch.Clear();
                    await flush();
                }
            }
            await WriteRulesAsync(w, batch, query, dbFactory, ct);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static async Task WriteRulesAsync(Utf8JsonWriter w, List<SecurityGroupRule> rules, ListQuery query,
        IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct)
    {
        HashSet<string> defaults = [];
        if (rules.Count > 0 && (query.Selects("belongs_to_default_sg") || query.Selects("tags")))
        {
            // A second context: the first may still be streaming the rules.
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (query.Selects("belongs_to_default_sg"))
            {
                defaults = await GroupList.DefaultGroupIdsAsync(db, [.. rules.Select(r => r.SecurityGroupId).Distinct(StringComparer.Ordinal)], ct);
            }
            if (query.Selects("tags"))
            {
                await TagService.FillRuleTagsAsync(db, rules, ct);
            }
        }
        foreach (var rule in rules)
        {
            if (query.SelectsAll)
            {
                ResourceWriter.Rule(w, rule, defaults);
            }
            else
            {
                query.Select(ResourceViews.Rule(rule, defaults)).WriteTo(w);
            }
        }
    }
}
