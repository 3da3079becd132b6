using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Rbac;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Tags;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// <c>GET /v2.0/security-groups</c> answered from SQL: the visible groups filtered, ordered and paged by the database
/// (<see cref="SqlList"/>); the embedded rules and the default-group flag read only for the groups written, and only
/// when <c>security_group_rules</c> is asked for. Without a limit the groups are written as they arrive, a batch at a time.
/// </summary>
public static class GroupList
{
    /// <summary>
    /// Groups whose rules are read and written together in a list without limit (a batch of large groups is some
    /// thousand rules in memory); the response is flushed after each group of the batch.
    /// </summary>
    private const int Batch = 20;

    /// <summary>
    /// Writes <c>{"security_groups": [...]}</c> (with links when paged). <paramref name="project"/> narrows to one
    /// tenant, as the service's list does (the first <c>project_id</c>/<c>tenant_id</c> asked for).
    /// </summary>
    public static async Task WriteAsync(Utf8JsonWriter w, Func<Task> flush, IDbContextFactory<AppDbContext> dbFactory, Caller caller,
        string? project, ListQuery query, HttpRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var postgres = SqlList.IsPostgres(db);
        var source = Visible.Groups(db, caller).AsNoTracking();
        if (project is not null)
        {
            source = source.Where(g => g.TenantId == project);
        }
        var fields = ListFields.GroupsFor(db, caller);
        source = SqlList.Filter(source, query, fields);
        source = TagFilters.Groups(db, source, query);
        // With fields: those asked for (tags need the flag that says whether there are any).
        Expression<Func<SecurityGroup, object?>>[] also = query.Selects("tags") ? [g => g.HasTags] : [];
        var columns = SqlList.Columns(query, fields, also);

        w.WriteStartObject();
        w.WriteStartArray("security_groups");
        if (query.Limit is int limit)
        {
            var page = await SqlList.PageAsync(source, query, fields, limit, postgres, q => columns is null ? q : q.Select(columns), ct);
            await WriteGroupsAsync(w, page, query, dbFactory, caller, null, ct);
            w.WriteEndArray();
            if (query.Links(request, page.Count, page.FirstOrDefault()?.Id, page.LastOrDefault()?.Id) is { Count: > 0 } links)
            {
                w.WritePropertyName("security_groups_links");
                links.WriteTo(w);
            }
        }
        else
        {
            var batch = new List<SecurityGroup>(Batch);
            var ordered = SqlList.Order(source, query, fields, postgres);
            await foreach (var group in (columns is null ? ordered : ordered.Select(columns)).AsAsyncEnumerable().WithCancellation(ct))
            {
                batch.Add(group);
                if (batch.Count == Batch)
                {
                    await WriteGroupsAsync(w, batch, query, dbFactory, caller, flush, ct);
                    batch.Clear();
                }
            }
            await WriteGroupsAsync(w, batch, query, dbFactory, caller, flush, ct);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static async Task WriteGroupsAsync(Utf8JsonWriter w, List<SecurityGroup> groups, ListQuery query,
        IDbContextFactory<AppDbContext> dbFactory, Caller caller, Func<Task>? flush, CancellationToken ct)
    {
        HashSet<string> defaults = [];
        var withRules = query.Selects("security_group_rules");
        var withTags = query.Selects("tags");
        var withShared = caller.ReceivesShares && query.Selects("shared");
        if (groups.Count > 0 && (withRules || withTags || withShared))
        {
            // A second context: the first may still be streaming the groups.
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var ids = groups.Select(g => g.Id).ToList();
            var byId = groups.ToDictionary(g => g.Id, StringComparer.Ordinal);
            if (withRules)
            {
                var rules = ids.Count == 1
                    ? db.SecurityGroupRules.Where(r => r.SecurityGroupId == ids[0])
                    : db.SecurityGroupRules.Where(r => ids.Contains(r.SecurityGroupId));
                var read = new List<SecurityGroupRule>();
                await foreach (var rule in rules.Select(SecurityGroupService.ForReading).AsAsyncEnumerable().WithCancellation(ct))
                {
                    byId[rule.SecurityGroupId].Rules.Add(rule);
                    read.Add(rule);
                }
                await TagService.FillRuleTagsAsync(db, read, ct);
                defaults = await DefaultGroupIdsAsync(db, ids, ct);
            }
            if (withTags)
            {
                await TagService.FillGroupTagsAsync(db, groups, ct);
            }
            if (withShared)
            {
                await Sharing.FillSharedAsync(db, caller, groups, ct);
            }
        }
        foreach (var group in groups)
        {
            if (query.SelectsAll)
            {
                ResourceWriter.Group(w, group, defaults);
            }
            else
            {
                query.Select(ResourceViews.Group(group, defaults)).WriteTo(w);
            }
            if (flush is not null)
            {
                await flush();
            }
            // Written: its rules need not stay in memory until the batch ends.
            group.Rules = [];
        }
    }

    /// <summary>Which of <paramref name="groupIds"/> are their tenant's default group.</summary>
    internal static async Task<HashSet<string>> DefaultGroupIdsAsync(AppDbContext db, List<string> groupIds, CancellationToken ct)
    {
        if (groupIds.Count == 0)
        {
            return [];
        }
        var query = groupIds.Count == 1
            ? db.DefaultSecurityGroups.Where(d => d.SecurityGroupId == groupIds[0])
            : db.DefaultSecurityGroups.Where(d => groupIds.Contains(d.SecurityGroupId));
        return new HashSet<string>(await query.Select(d => d.SecurityGroupId).ToListAsync(ct), StringComparer.Ordinal);
    }
}
