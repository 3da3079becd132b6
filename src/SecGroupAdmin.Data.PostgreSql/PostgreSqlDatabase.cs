namespace SecGroupAdmin.Data.PostgreSql;

/// <summary>Where the PostgreSQL migrations live (passed to <c>UseNpgsql(..., x => x.MigrationsAssembly(...))</c>).</summary>
public static class PostgreSqlDatabase
{
    public static readonly string MigrationsAssembly = typeof(PostgreSqlDatabase).Assembly.GetName().Name!;
}
