using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data.AddressGroups;
using SecGroupAdmin.Data.ApiTokens;
using SecGroupAdmin.Data.Audit;
using SecGroupAdmin.Data.DefaultRules;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Data.Keystone;
using SecGroupAdmin.Data.Ports;
using SecGroupAdmin.Data.Rbac;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Data.Tags;
using SecGroupAdmin.Data.Tenants;

namespace SecGroupAdmin.Data;

/// <summary>The one database: Identity tables plus tenants, groups, rules, address groups, RBAC policies, ports, tokens and audit.</summary>
public class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<ApplicationUser>(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<SecurityGroup> SecurityGroups => Set<SecurityGroup>();
    public DbSet<SecurityGroupRule> SecurityGroupRules => Set<SecurityGroupRule>();
    public DbSet<DefaultSecurityGroup> DefaultSecurityGroups => Set<DefaultSecurityGroup>();
    public DbSet<AddressGroup> AddressGroups => Set<AddressGroup>();
    public DbSet<DefaultSecurityGroupRule> DefaultSecurityGroupRules => Set<DefaultSecurityGroupRule>();
    public DbSet<AddressGroupAddress> AddressGroupAddresses => Set<AddressGroupAddress>();
    public DbSet<Port> Ports => Set<Port>();
    public DbSet<PortFixedIp> PortFixedIps => Set<PortFixedIp>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<KeystoneToken> KeystoneTokens => Set<KeystoneToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SecurityGroupTag> SecurityGroupTags => Set<SecurityGroupTag>();
    public DbSet<SecurityGroupRuleTag> SecurityGroupRuleTags => Set<SecurityGroupRuleTag>();
    public DbSet<RbacPolicy> RbacPolicies => Set<RbacPolicy>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        ListSqlFunctions.Register(builder);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        FillGroupTenants(AddedRulesWithoutGroupTenant(), ids => [.. GroupTenants(ids)]);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var rules = AddedRulesWithoutGroupTenant();
        if (rules.Count > 0)
        {
            var missing = MissingGroups(rules);
            var read = missing.Count == 0 ? [] : await GroupTenants(missing).ToListAsync(cancellationToken);
            FillGroupTenants(rules, _ => read);
        }
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private List<SecurityGroupRule> AddedRulesWithoutGroupTenant() =>
        [.. ChangeTracker.Entries<SecurityGroupRule>()
            .Where(e => e.State == EntityState.Added && string.IsNullOrEmpty(e.Entity.GroupTenantId))
            .Select(e => e.Entity)];

    /// <summary>The groups of <paramref name="rules"/> that are neither tracked nor on the rule: to be read.</summary>
    private List<string> MissingGroups(List<SecurityGroupRule> rules)
    {
        var tracked = TrackedGroupTenants();
        return [.. rules.Where(r => r.SecurityGroup is null && !tracked.ContainsKey(r.SecurityGroupId)).Select(r => r.SecurityGroupId).Distinct()];
    }

    private Dictionary<string, string> TrackedGroupTenants() =>
        ChangeTracker.Entries<SecurityGroup>().GroupBy(e => e.Entity.Id).ToDictionary(g => g.Key, g => g.First().Entity.TenantId);

    private IQueryable<KeyValuePair<string, string>> GroupTenants(List<string> ids) =>
        SecurityGroups.AsNoTracking().Where(g => ids.Contains(g.Id)).Select(g => new KeyValuePair<string, string>(g.Id, g.TenantId));

    /// <summary>
    /// THE place <see cref="SecurityGroupRule.GroupTenantId"/> is decided: the parent group's project, from the rule's
    /// navigation, a tracked group or the database. A rule whose group does not exist keeps "" (the foreign key refuses it).
    /// </summary>
    private void FillGroupTenants(List<SecurityGroupRule> rules, Func<List<string>, List<KeyValuePair<string, string>>> read)
    {
        if (rules.Count == 0)
        {
            return;
        }
        var tenants = TrackedGroupTenants();
        var missing = MissingGroups(rules);
        if (missing.Count > 0)
        {
            foreach (var (id, tenant) in read(missing))
            {
                tenants[id] = tenant;
            }
        }
        foreach (var rule in rules)
        {
            rule.GroupTenantId = rule.SecurityGroup?.TenantId ?? tenants.GetValueOrDefault(rule.SecurityGroupId, "");
        }
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
