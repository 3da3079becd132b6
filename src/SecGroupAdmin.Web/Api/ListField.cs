using System.Linq.Expressions;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// One field of a resource's JSON view as the database sees it: the column (or expression) behind it and how
/// <see cref="ListQuery"/> matches and orders its value, so that <see cref="SqlList"/> can do the same in SQL.
/// </summary>
/// <typeparam name="T">The entity listed.</typeparam>
public sealed class ListField<T>
{
    internal ListField(ListFieldKind kind, LambdaExpression? value, Func<string, Expression<Func<T, bool>>>? match, bool isId)
    {
        Kind = kind;
        Value = value;
        Match = match;
        IsId = isId;
    }

    public ListFieldKind Kind { get; }

    /// <summary>The column, e.g. <c>g =&gt; g.Name</c> (null for <see cref="ListFieldKind.Custom"/>).</summary>
    public LambdaExpression? Value { get; }

    /// <summary>For <see cref="ListFieldKind.Custom"/>: the predicate that one wanted value gives.</summary>
    public Func<string, Expression<Func<T, bool>>>? Match { get; }

    /// <summary>
    /// The id: sorted with the column's own collation so that the primary key serves the order (ids are lowercase
    /// UUIDs, whose order is the same in every collation).
    /// </summary>
    public bool IsId { get; }
}
