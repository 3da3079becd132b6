using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;
using SecGroupAdmin.Domain.Errors;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// Neutron's list parameters applied to resource views: filters on filterable fields (repeated key = OR, exact
/// match on the stored value), <c>fields</c>, <c>sort_key</c>/<c>sort_dir</c>, <c>limit</c>/<c>marker</c>/<c>page_reverse</c>
/// with <c>*_links</c>. Default order is by id, as the reference answers.
/// </summary>
public sealed class ListQuery
{
    private static readonly HashSet<string> Reserved = ["fields", "sort_key", "sort_dir", "limit", "marker", "page_reverse"];

    private readonly Dictionary<string, StringValues> filters = [];
    private readonly List<(string Key, bool Descending)> sorts = [];
    private readonly HashSet<string>? fields;
    private readonly int? limit;
    private readonly string? marker;
    private readonly bool pageReverse;
    private readonly IQueryCollection query;

    private ListQuery(IQueryCollection query, IReadOnlySet<string> filterable, IReadOnlySet<string> sortable, int? maxLimit)
    {
        this.query = query;
        var invalid = query.Keys.Where(k => !Reserved.Contains(k) && !filterable.Contains(k)).ToList();
        if (invalid.Count > 0)
        {
            throw new NeutronException(NeutronErrors.BadRequest($"{PythonList(invalid)} is invalid attribute for filtering"));
        }
        foreach (var key in query.Keys.Where(k => !Reserved.Contains(k)))
        {
            filters[key] = query[key];
        }
        if (filters.TryGetValue(FixedIpFilter.Key, out var fixedIps))
        {
            FixedIpFilter.CheckForm(fixedIps);
        }

        var sortKeys = query["sort_key"];
        var sortDirs = query["sort_dir"];
        if (sortKeys.Count != sortDirs.Count)
        {
            throw new NeutronException(NeutronErrors.BadRequest("The number of sort_keys and sort_dirs must be same"));
        }
        var badKeys = sortKeys.Where(k => !sortable.Contains(k!)).ToList();
        if (badKeys.Count > 0)
        {
            throw new NeutronException(NeutronErrors.BadRequest($"{PythonList(badKeys!)} is invalid attribute for sort_keys"));
        }
        var badDirs = sortDirs.Where(d => d is not ("asc" or "desc")).ToList();
        if (badDirs.Count > 0)
        {
            throw new NeutronException(NeutronErrors.BadRequest($"{PythonList(badDirs!)} is invalid value for sort_dirs, valid value is 'asc' and 'desc'"));
        }
        for (var i = 0; i < sortKeys.Count; i++)
        {
            sorts.Add((sortKeys[i]!, sortDirs[i] == "desc"));
        }

        if (query.TryGetValue("fields", out var f) && f.Count > 0)
        {
            fields = [.. f.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))];
        }
        if (query.TryGetValue("limit", out var l) && !string.IsNullOrEmpty(l))
        {
            if (!int.TryParse(l, out var n) || n < 0)
            {
                throw new NeutronException(NeutronErrors.BadRequest($"Limit must be an integer 0 or greater and not '{l}'"));
            }
            limit = n == 0 ? null : n;
        }
        // Neutron's get_limit_and_marker: with pagination_max_limit set, min(max, limit) or max.
        if (maxLimit is > 0 and var max)
        {
            limit = limit is int asked ? Math.Min(asked, max) : max;
        }
        marker = query.TryGetValue("marker", out var m) ? m.ToString() : null;
        pageReverse = query.TryGetValue("page_reverse", out var pr) && string.Equals(pr, "true", StringComparison.OrdinalIgnoreCase);
    }

    public static ListQuery Parse(IQueryCollection query, IReadOnlySet<string> filterable, IReadOnlySet<string> sortable, int? maxLimit = null) =>
        new(query, filterable, sortable, maxLimit);

    /// <summary>Parses a list request with the <see cref="ApiOptions.PaginationMaxLimit"/> of the app.</summary>
    public static ListQuery Parse(HttpContext context, IReadOnlySet<string> filterable, IReadOnlySet<string> sortable) =>
        new(context.Request.Query, filterable, sortable,
            context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiOptions>>().Value.PaginationMaxLimit);

    /// <summary>The filters: field name → wanted values (any of them).</summary>
    public IReadOnlyDictionary<string, StringValues> Filters => filters;

    /// <summary>The sort keys in order (without the final id).</summary>
    public IReadOnlyList<(string Key, bool Descending)> Sorts => sorts;

    /// <summary>The page size, or null for everything (no links).</summary>
    public int? Limit => limit;

    /// <summary>The id after (or, with <see cref="PageReverse"/>, before) which the page starts.</summary>
    public string? Marker => marker;

    public bool PageReverse => pageReverse;

    /// <summary>True when <paramref name="field"/> is written: no <c>fields</c>, or it is among them.</summary>
    public bool Selects(string field) => fields is null || fields.Contains(field);

    /// <summary>The values of one filter (for pushing it into the database query), or null.</summary>
    public StringValues? Filter(string key) => filters.TryGetValue(key, out var v) ? v : (StringValues?)null;

    /// <summary>
    /// True when applying this query would only re-check filters already applied exactly by the database (each of
    /// <paramref name="appliedFilters"/> with one value) and order by id: no <c>fields</c>, sort keys, limit or other
    /// filters. Such a list is written straight from the entities in id order (see <see cref="ResourceWriter"/>).
    /// </summary>
    public bool IsPlain(params string[] appliedFilters) =>
        sorts.Count == 0 && fields is null && limit is null &&
        filters.All(f => appliedFilters.Contains(f.Key) && f.Value.Count == 1);

    /// <summary>True when no <c>fields</c> were asked for (a show can be written straight from the entity).</summary>
    public bool SelectsAll => fields is null;

    /// <summary>Filters, sorts, pages and selects fields; returns the wrapped collection with links when paged.</summary>
    public JsonObject Apply(IEnumerable<JsonObject> items, string collection, HttpRequest request)
    {
        var list = items.Where(Matches).ToList();
        IOrderedEnumerable<JsonObject>? ordered = null;
        foreach (var (key, descending) in sorts.Append(("id", false)))
        {
            Func<JsonObject, string> selector = o => SortText(o[key]);
            ordered = ordered is null
                ? (descending ? list.OrderByDescending(selector, StringComparer.Ordinal) : list.OrderBy(selector, StringComparer.Ordinal))
                : (descending ? ordered.ThenByDescending(selector, StringComparer.Ordinal) : ordered.ThenBy(selector, StringComparer.Ordinal));
        }
        list = ordered!.ToList();

        JsonArray? links = null;
        if (limit is int n)
        {
            var index = marker is null ? -1 : list.FindIndex(o => (string?)o["id"] == marker);
            list = (pageReverse, index >= 0) switch
            {
                (true, true) => list.Take(index).TakeLast(n).ToList(),
                (true, false) => list.TakeLast(n).ToList(),
                (false, true) => list.Skip(index + 1).Take(n).ToList(),
                (false, false) => list.Take(n).ToList(),
            };
            links = Links(request, list.Count, list.Count > 0 ? (string)list[0]["id"]! : null, list.Count > 0 ? (string)list[^1]["id"]! : null);
        }

        var result = new JsonObject { [collection] = new JsonArray([.. list.Select(o => (JsonNode)Select(o))]) };
        if (links is { Count: > 0 })
        {
            result[collection + "_links"] = links;
        }
        return result;
    }

    /// <summary>
    /// The <c>*_links</c> of a page of <paramref name="count"/> items (null when unpaged or none): Neutron's
    /// get_pagination_links, next unless a short forward page, previous unless a short reverse page.
    /// </summary>
    public JsonArray? Links(HttpRequest request, int count, string? firstId, string? lastId)
    {
        if (limit is not int n || count == 0)
        {
            return null;
        }
        JsonArray links = [];
        if (!(count < n && !pageReverse))
        {
            links.Add(Link("next", request, lastId!, false));
        }
        if (!(count < n && pageReverse))
        {
            links.Add(Link("previous", request, firstId!, true));
        }
        return links;
    }

    /// <summary>Applies <c>fields=</c> to one resource (also used by show).</summary>
    public JsonObject Select(JsonObject item)
    {
        if (fields is null)
        {
            return item;
        }
        var selected = new JsonObject();
        foreach (var (key, value) in item)
        {
            if (fields.Contains(key))
            {
                selected[key] = value?.DeepClone();
            }
        }
        return selected;
    }

    private bool Matches(JsonObject item)
    {
        foreach (var (key, values) in filters)
        {
            if (TagFilters.Keys.Contains(key))
            {
                if (!TagFilters.Matches(key, values, item["tags"]))
                {
                    return false;
                }
                continue;
            }
            var node = item[key];
            if (!values.Any(v => ValueMatches(node, v)))
            {
                return false;
            }
        }
        return true;
    }

    private static bool ValueMatches(JsonNode? node, string? wanted)
    {
        if (node is null)
        {
            return string.IsNullOrEmpty(wanted) || wanted == "None";
        }
        if (node is JsonArray array)
        {
            return array.Any(n => ValueMatches(n, wanted));
        }
        if (node is JsonObject entry)
        {
            return FixedIpFilter.Matches(entry, wanted); // a port's fixed_ips entry
        }
        var element = node.GetValueKind();
        return element switch
        {
            JsonValueKind.True => IsTrue(wanted),
            JsonValueKind.False => IsFalse(wanted),
            JsonValueKind.Number => decimal.TryParse(wanted, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && Number(node) == n,
            _ => node.GetValue<string>() == wanted,
        };
    }

    /// <summary>A JSON number, whatever CLR type the view stored it as (int for ports, long for revisions).</summary>
    private static decimal Number(JsonNode node) => decimal.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

    internal static bool IsTrue(string? v) => v is not null && v.Trim().ToLowerInvariant() is "true" or "1" or "yes" or "on" or "t" or "y";

    internal static bool IsFalse(string? v) => v is not null && v.Trim().ToLowerInvariant() is "false" or "0" or "no" or "off" or "f" or "n";

    private static string SortText(JsonNode? node) => node switch
    {
        null => "",
        _ when node.GetValueKind() == JsonValueKind.Number => ((long)Number(node)).ToString("D20", CultureInfo.InvariantCulture),
        _ when node.GetValueKind() is JsonValueKind.True or JsonValueKind.False => node.ToJsonString(),
        _ when node.GetValueKind() == JsonValueKind.String => node.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private JsonObject Link(string rel, HttpRequest request, string markerId, bool reverse)
    {
        var parts = new List<string>();
        foreach (var (key, values) in query)
        {
            if (key is "marker" or "page_reverse")
            {
                continue;
            }
            parts.AddRange(values.Select(v => $"{Uri.EscapeDataString(key)}={Uri.EscapeDataString(v ?? "")}"));
        }
        parts.Add("marker=" + Uri.EscapeDataString(markerId));
        if (reverse)
        {
            parts.Add("page_reverse=True");
        }
        var href = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{string.Join("&", parts)}";
        return new JsonObject { ["rel"] = rel, ["href"] = href };
    }

    private static string PythonList(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(i => $"'{i}'")) + "]";
}
