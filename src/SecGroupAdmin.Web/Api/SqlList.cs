using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// <see cref="ListQuery"/>'s filters, sort keys and keyset pages as a database query over <see cref="ListField{T}"/>s,
/// giving what <see cref="ListQuery.Apply"/> gives in memory: exact matches (repeated key = OR, Neutron's boolean
/// spellings, numbers as numbers, null for "" and "None"), ordinal order with the id as last key (strings by UTF-8
/// bytes: <c>COLLATE "C"</c> on PostgreSQL, SQLite's binary default; numbers with null first; timestamps by whole
/// seconds), and a page that seeks past the marker's key values (<c>WHERE (k1, …, id) &gt; marker</c>) instead of
/// skipping rows. A marker that is not among the filtered rows pages from the start (or end), as in memory.
/// </summary>
public static class SqlList
{
    private static readonly System.Reflection.MethodInfo StringCompare =
        typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
    private static readonly System.Reflection.MethodInfo Collate =
        typeof(RelationalDbFunctionsExtensions).GetMethod(nameof(RelationalDbFunctionsExtensions.Collate))!.MakeGenericMethod(typeof(string));
    private static readonly System.Reflection.MethodInfo Substr = typeof(ListSqlFunctions).GetMethod(nameof(ListSqlFunctions.Substr))!;
    private static readonly System.Reflection.MethodInfo DateTrunc = typeof(ListSqlFunctions).GetMethod(nameof(ListSqlFunctions.DateTrunc))!;

    /// <summary>True when <paramref name="db"/> is PostgreSQL (its default collation is not byte order).</summary>
    public static bool IsPostgres(AppDbContext db) => db.Database.ProviderName == AppDbContext.NpgsqlProviderName;

    /// <summary>The rows that match every filter of <paramref name="query"/>.</summary>
    public static IQueryable<T> Filter<T>(IQueryable<T> source, ListQuery query, IReadOnlyDictionary<string, ListField<T>> fields)
    {
        foreach (var (key, values) in query.Filters)
        {
            if (TagFilters.Keys.Contains(key))
            {
                continue; // applied over the tag tables (TagFilters)
            }
            var row = Expression.Parameter(typeof(T), "row");
            Expression? any = null;
            foreach (var wanted in values)
            {
                var match = Matches(fields[key], row, wanted ?? "");
                any = any is null ? match : Expression.OrElse(any, match);
            }
            source = source.Where(Expression.Lambda<Func<T, bool>>(any ?? Expression.Constant(false), row));
        }
        return source;
    }

    /// <summary>The rows in the query's order (its sort keys, then id); reversed for a reverse page.</summary>
    public static IQueryable<T> Order<T>(IQueryable<T> source, ListQuery query, IReadOnlyDictionary<string, ListField<T>> fields, bool postgres, bool reverse = false)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var first = true;
        foreach (var (key, descending) in Keys(query, fields, row, postgres))
        {
            var down = descending != reverse;
            var method = first ? (down ? "OrderByDescending" : "OrderBy") : (down ? "ThenByDescending" : "ThenBy");
            source = source.Provider.CreateQuery<T>(Expression.Call(typeof(Queryable), method, [typeof(T), key.Type],
                source.Expression, Expression.Quote(Expression.Lambda(key, row))));
            first = false;
        }
        return source;
    }

    /// <summary>
    /// One page of <paramref name="limit"/> rows of the filtered <paramref name="source"/>: after the marker (before it
    /// for <c>page_reverse</c>, the last rows without one), in the query's order; <paramref name="shape"/> says what is
    /// read of each row (a projection, an include).
    /// </summary>
    public static async Task<List<T>> PageAsync<T>(IQueryable<T> source, ListQuery query, IReadOnlyDictionary<string, ListField<T>> fields,
        int limit, bool postgres, Func<IQueryable<T>, IQueryable<T>> shape, CancellationToken ct)
    {
        var rows = await shape(await PageQueryAsync(source, query, fields, limit, postgres, ct)).ToListAsync(ct);
        if (query.PageReverse)
        {
            rows.Reverse();
        }
        return rows;
    }

    /// <summary>
    /// The query of one page (reads the marker's sort keys first): rows past the marker, ordered, at most
    /// <paramref name="limit"/>; for <c>page_reverse</c> in reverse order.
    /// </summary>
    public static async Task<IQueryable<T>> PageQueryAsync<T>(IQueryable<T> source, ListQuery query, IReadOnlyDictionary<string, ListField<T>> fields,
        int limit, bool postgres, CancellationToken ct)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var keys = Keys(query, fields, row, postgres);
        var page = source;
        if (query.Marker is { } marker)
        {
            var idEquals = Expression.Lambda<Func<T, bool>>(
                Expression.Equal(Body(fields["id"].Value!, row), Parameter(marker, typeof(string))), row);
            var values = Expression.Lambda<Func<T, object[]>>(
                Expression.NewArrayInit(typeof(object), keys.Select(k => Expression.Convert(k.Key, typeof(object)))), row);
            var markerKeys = await source.Where(idEquals).Select(values).FirstOrDefaultAsync(ct);
            if (markerKeys is not null)
            {
                page = page.Where(Expression.Lambda<Func<T, bool>>(Seek(keys, markerKeys, query.PageReverse), row));
            }
        }
        return Order(page, query, fields, postgres, query.PageReverse).Take(limit);
    }

    /// <summary>
    /// For a request with <c>fields</c>: a projection that reads only the columns of the fields asked for, the id and
    /// <paramref name="also"/> (columns a written field depends on); null without <c>fields</c> (every column is written).
    /// </summary>
    public static Expression<Func<T, T>>? Columns<T>(ListQuery query, IReadOnlyDictionary<string, ListField<T>> fields, params Expression<Func<T, object?>>[] also)
        where T : new()
    {
        if (query.SelectsAll)
        {
            return null;
        }
        var properties = new HashSet<System.Reflection.PropertyInfo>();
        void Add(LambdaExpression? value)
        {
            var body = value?.Body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : value?.Body;
            if (body is MemberExpression { Member: System.Reflection.PropertyInfo property, Expression: ParameterExpression })
            {
                properties.Add(property);
            }
        }
        Add(fields["id"].Value);
        foreach (var (name, field) in fields)
        {
            if (query.Selects(name))
            {
                Add(field.Value);
            }
        }
        foreach (var value in also)
        {
            Add(value);
        }
        var row = Expression.Parameter(typeof(T), "row");
        return Expression.Lambda<Func<T, T>>(
            Expression.MemberInit(Expression.New(typeof(T)), properties.Select(p => Expression.Bind(p, Expression.Property(row, p)))), row);
    }

    /// <summary>The sort keys as SQL expressions over <paramref name="row"/>, the id last.</summary>
    private static List<(Expression Key, bool Descending)> Keys<T>(ListQuery query, IReadOnlyDictionary<string, ListField<T>> fields, ParameterExpression row, bool postgres) =>
        [.. query.Sorts.Append((Key: "id", Descending: false)).Select(s => (SortKey(fields[s.Key], row, postgres), s.Descending))];

    /// <summary>Rows after the marker in the order of <paramref name="keys"/>: k1 &gt; m1, or k1 = m1 and k2 &gt; m2, …</summary>
    private static Expression Seek(List<(Expression Key, bool Descending)> keys, object[] marker, bool reverse)
    {
        Expression? any = null;
        for (var i = 0; i < keys.Count; i++)
        {
            var (key, descending) = keys[i];
            Expression all = Compare(key, marker[i], greater: descending == reverse);
            for (var j = i - 1; j >= 0; j--)
            {
                all = Expression.AndAlso(Expression.Equal(keys[j].Key, Parameter(marker[j], keys[j].Key.Type)), all);
            }
            any = any is null ? all : Expression.OrElse(any, all);
        }
        return any!;
    }

    private static BinaryExpression Compare(Expression key, object value, bool greater)
    {
        var other = Parameter(value, key.Type);
        if (key.Type == typeof(string))
        {
            var compared = Expression.Call(StringCompare, key, other);
            return greater ? Expression.GreaterThan(compared, Expression.Constant(0)) : Expression.LessThan(compared, Expression.Constant(0));
        }
        return greater ? Expression.GreaterThan(key, other) : Expression.LessThan(key, other);
    }

    /// <summary>How <see cref="ListQuery"/> orders the field, as SQL.</summary>
    private static Expression SortKey<T>(ListField<T> field, ParameterExpression row, bool postgres)
    {
        var value = field.Value is null ? throw new InvalidOperationException("A custom field is not sortable.") : Body(field.Value, row);
        switch (field.Kind)
        {
            case ListFieldKind.Text when field.IsId:
                return value;
            case ListFieldKind.Text:
                var text = Expression.Coalesce(value, Expression.Constant(""));
                return postgres ? Expression.Call(Collate, Expression.Constant(EF.Functions), text, Expression.Constant("C")) : text;
            case ListFieldKind.Number when Nullable.GetUnderlyingType(value.Type) is { } underlying:
                return Expression.Coalesce(value, Expression.Constant(Convert.ChangeType(-1, underlying, CultureInfo.InvariantCulture), underlying));
            case ListFieldKind.Number:
                return value;
            case ListFieldKind.Boolean:
                return Expression.Condition(value, Expression.Constant(1), Expression.Constant(0));
            case ListFieldKind.Timestamp:
                return postgres
                    ? Expression.Call(DateTrunc, Expression.Constant("second"), value)
                    : Expression.Call(Substr, value, Expression.Constant(1), Expression.Constant(19));
            default:
                throw new InvalidOperationException($"A {field.Kind} field is not sortable.");
        }
    }

    /// <summary>Whether the field's value matches one wanted value, as <see cref="ListQuery"/>'s ValueMatches.</summary>
    private static Expression Matches<T>(ListField<T> field, ParameterExpression row, string wanted)
    {
        if (field.Kind == ListFieldKind.Custom)
        {
            return Body(field.Match!(wanted), row);
        }
        var value = Body(field.Value!, row);
        var orNull = wanted is "" or "None";
        switch (field.Kind)
        {
            case ListFieldKind.Text:
                Expression text = Expression.Equal(value, Parameter(wanted, typeof(string)));
                return orNull ? Expression.OrElse(text, Expression.Equal(value, Expression.Constant(null, typeof(string)))) : text;
            case ListFieldKind.Number:
                var underlying = Nullable.GetUnderlyingType(value.Type);
                Expression? number = null;
                if (decimal.TryParse(wanted, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) &&
                    (underlying ?? value.Type) is var type &&
                    (type == typeof(int) ? n >= int.MinValue && n <= int.MaxValue : n >= long.MinValue && n <= long.MaxValue))
                {
                    number = Expression.Equal(value, Expression.Convert(
                        Parameter(Convert.ChangeType(n, type, CultureInfo.InvariantCulture), type), value.Type));
                }
                if (orNull && underlying is not null)
                {
                    var isNull = Expression.Equal(value, Expression.Constant(null, value.Type));
                    number = number is null ? isNull : Expression.OrElse(number, isNull);
                }
                return number ?? Expression.Constant(false);
            case ListFieldKind.Boolean:
                return ListQuery.IsTrue(wanted) ? value : ListQuery.IsFalse(wanted) ? Expression.Not(value) : Expression.Constant(false);
            default:
                throw new InvalidOperationException($"A {field.Kind} field is not filterable.");
        }
    }

    /// <summary>A value the database receives as a query parameter (not a literal, so one plan serves every value).</summary>
    private static MemberExpression Parameter(object? value, Type type)
    {
        var box = Activator.CreateInstance(typeof(StrongBox<>).MakeGenericType(type), value)!;
        return Expression.Field(Expression.Constant(box), nameof(StrongBox<object>.Value));
    }

    private static Expression Body(LambdaExpression lambda, ParameterExpression row) =>
        new Rebind(lambda.Parameters[0], row).Visit(lambda.Body);

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
