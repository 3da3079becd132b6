using SecGroupAdmin.Data;
using SecGroupAdmin.Data.SecurityGroups;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// Neutron's tag filters on the group and rule lists, in SQL over the tag tables (EXISTS on their primary key, the
/// (tag, id) index for the values): <c>tags</c> (every one), <c>tags-any</c> (at least one), <c>not-tags</c> (not every
/// one), <c>not-tags-any</c> (none). Values are comma-separated; repeated keys add values, as on the reference
/// (<c>tags=red&amp;tags=db</c> is <c>tags=red,db</c>). An empty value is the tag "" (which the reference matches too).
/// </summary>
public static class TagFilters
{
    public const string All = "tags";
    public const string Any = "tags-any";
    public const string NotAll = "not-tags";
    public const string NotAny = "not-tags-any";

    /// <summary>The four filter keys, for the lists' filterable sets (never sortable).</summary>
    public static readonly HashSet<string> Keys = [All, Any, NotAll, NotAny];

    public static IQueryable<SecurityGroup> Groups(AppDbContext db, IQueryable<SecurityGroup> source, ListQuery query)
    {
        if (Values(query, All) is { } all)
        {
            source = GroupsWithAll(db, source, all);
        }
        if (Values(query, Any) is { } any)
        {
            source = source.Where(g => db.SecurityGroupTags.Any(t => t.SecurityGroupId == g.Id && any.Contains(t.Tag)));
        }
        if (Values(query, NotAll) is { } notAll)
        {
            var count = notAll.Count;
            source = source.Where(g => db.SecurityGroupTags.Count(t => t.SecurityGroupId == g.Id && notAll.Contains(t.Tag)) < count);
        }
        if (Values(query, NotAny) is { } notAny)
        {
            source = source.Where(g => !db.SecurityGroupTags.Any(t => t.SecurityGroupId == g.Id && notAny.Contains(t.Tag)));
        }
        return source;
    }

    /// <summary>
    /// <c>tags</c>: the groups carrying every one of <paramref name="tags"/> (one EXISTS per tag on the (tag, id) index).
    /// Also the groups page's tag filter, so the page and the API mean the same.
    /// </summary>
    public static IQueryable<SecurityGroup> GroupsWithAll(AppDbContext db, IQueryable<SecurityGroup> source, IEnumerable<string> tags)
    {
        foreach (var tag in tags.Distinct(StringComparer.Ordinal))
        {
            source = source.Where(g => db.SecurityGroupTags.Any(t => t.SecurityGroupId == g.Id && t.Tag == tag));
        }
        return source;
    }

    public static IQueryable<SecurityGroupRule> Rules(AppDbContext db, IQueryable<SecurityGroupRule> source, ListQuery query)
    {
        if (Values(query, All) is { } all)
        {
            foreach (var tag in all)
            {
                source = source.Where(r => db.SecurityGroupRuleTags.Any(t => t.SecurityGroupRuleId == r.Id && t.Tag == tag));
            }
        }
        if (Values(query, Any) is { } any)
        {
            // A count per rule (its few tags, through the primary key), not an EXISTS: PostgreSQL turns an EXISTS into
            // a semi join and, for tags many tenants use, reads the whole rule tag table into a hash to match a
            // tenant's rules. Counted, the work is one key lookup per rule of the list, whatever the other tenants tag.
            source = source.Where(r => db.SecurityGroupRuleTags.Count(t => t.SecurityGroupRuleId == r.Id && any.Contains(t.Tag)) > 0);
        }
        if (Values(query, NotAll) is { } notAll)
        {
            var count = notAll.Count;
            source = source.Where(r => db.SecurityGroupRuleTags.Count(t => t.SecurityGroupRuleId == r.Id && notAll.Contains(t.Tag)) < count);
        }
        if (Values(query, NotAny) is { } notAny)
        {
            source = source.Where(r => !db.SecurityGroupRuleTags.Any(t => t.SecurityGroupRuleId == r.Id && notAny.Contains(t.Tag)));
        }
        return source;
    }

    /// <summary>The same filter on a resource view in memory (<see cref="ListQuery.Apply"/>): its <c>tags</c> array.</summary>
    public static bool Matches(string key, Microsoft.Extensions.Primitives.StringValues values, System.Text.Json.Nodes.JsonNode? tags)
    {
        var carried = tags is System.Text.Json.Nodes.JsonArray array
            ? array.Select(t => (string?)t).ToHashSet(StringComparer.Ordinal)
            : [];
        var wanted = values.SelectMany(v => (v ?? "").Split(',')).Distinct(StringComparer.Ordinal).ToList();
        return key switch
        {
            All => wanted.All(carried.Contains),
            Any => wanted.Any(carried.Contains),
            NotAll => !wanted.All(carried.Contains),
            _ => !wanted.Any(carried.Contains),
        };
    }

    /// <summary>The distinct tags of one filter key (every value split at commas), or null when not asked for.</summary>
    private static List<string>? Values(ListQuery query, string key) =>
        query.Filter(key) is { } values
            ? [.. values.SelectMany(v => (v ?? "").Split(',')).Distinct(StringComparer.Ordinal)]
            : null;
}
