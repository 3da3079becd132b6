using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace SecGroupAdmin.Web.Writes;

/// <summary>Recognises a unique-constraint violation on SQLite and PostgreSQL.</summary>
public static class DbErrors
{
    public static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        DbException d => d.SqlState == "23505",
        _ => false,
    };
}
