using Microsoft.EntityFrameworkCore;

namespace SecGroupAdmin.Data;

/// <summary>
/// SQL functions the API's lists sort by: a timestamp cut to whole seconds, because Neutron shows (and so sorts)
/// <c>created_at</c>/<c>updated_at</c> in seconds while rows store milliseconds. Only for use inside queries.
/// </summary>
public static class ListSqlFunctions
{
    /// <summary>SQLite's <c>substr(value, start, length)</c> over a stored timestamp (text <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>).</summary>
    public static string Substr(DateTime value, int start, int length) =>
        throw new InvalidOperationException($"{nameof(Substr)} runs in SQL only ({value}, {start}, {length}).");

    /// <summary>PostgreSQL's <c>date_trunc(field, value)</c>.</summary>
    public static DateTime DateTrunc(string field, DateTime value) =>
        throw new InvalidOperationException($"{nameof(DateTrunc)} runs in SQL only ({field}, {value}).");

    /// <summary>Maps both functions (each is used only on its own provider).</summary>
    public static void Register(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasDbFunction(typeof(ListSqlFunctions).GetMethod(nameof(Substr))!).HasName("substr").IsBuiltIn();
        builder.HasDbFunction(typeof(ListSqlFunctions).GetMethod(nameof(DateTrunc))!).HasName("date_trunc").IsBuiltIn();
    }
}
