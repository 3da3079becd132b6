using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data.ApiTokens;
using SecGroupAdmin.Data.Audit;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Data.Ports;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Data.Tenants;

namespace SecGroupAdmin.Data;

/// <summary>The one database: Identity tables plus tenants, groups, rules, ports, tokens and audit.</summary>
public class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<SecurityGroup> SecurityGroups => Set<SecurityGroup>();
    public DbSet<SecurityGroupRule> SecurityGroupRules => Set<SecurityGroupRule>();
    public DbSet<DefaultSecurityGroup> DefaultSecurityGroups => Set<DefaultSecurityGroup>();
    public DbSet<Port> Ports => Set<Port>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        ListSqlFunctions.Register(builder);
    }

    public const string NpgsqlProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        if (Database.ProviderName == NpgsqlProviderName)
        {
            // PostgreSQL stores DateTime as "timestamp with time zone", which Npgsql accepts only for UTC values.
            // All times are UTC here; this also marks values read back as UTC and turns a stray local time into UTC.
            // SQLite's model is left as it was.
            configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        }
    }
}
