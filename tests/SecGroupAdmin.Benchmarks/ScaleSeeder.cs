using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Audit;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.Hosting;

namespace SecGroupAdmin.Benchmarks;

/// <summary>
/// Seeds the scale suite's database fast: the app's migrations make the schema, then the rows go in in bulk (SQLite:
/// one transaction, one prepared INSERT per table re-bound per row; PostgreSQL: binary COPY). ALL knowledge of the
/// stored rows is in this file: which entities are made and how (<see cref="Plan"/>), and the columns, which are
/// read from EF Core's model (<see cref="TableWriter{T}"/>), so a column added to an entity is written without a
/// change here; a derived column that needs a value is filled in <see cref="FillDerivedColumns"/>.
/// A seeded database is cached under <c>/tmp/sga-scale</c> (SQLite: a file; PostgreSQL: a database on the server,
/// which survives only on an external server, <c>SGA_TEST_POSTGRES</c>), keyed by size and a hash of the schema.
/// </summary>
public static class ScaleSeeder
{
    /// <summary>Bump when the generated data changes, so cached databases are not reused.</summary>
    private const int DataVersion = 1;
    public const string BigTenant = "big";
    public const string GroupsTenant = "groups2k";
    public const int GroupsInGroupsTenant = 2_000;
    public const int RulesPerBigGroup = 500;
    private static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static string CacheDirectory { get; } = Path.Combine(Path.GetTempPath(), "sga-scale");

    /// <summary>
    /// A seeded database of <paramref name="totalRules"/> rules for <paramref name="provider"/>, from the cache or
    /// made now; returns where it is and what is in it.
    /// </summary>
    public static async Task<ScaleDatabase> EnsureAsync(DatabaseProvider provider, int totalRules, PostgresTestServer? server)
    {
        Directory.CreateDirectory(CacheDirectory);
        var key = $"sga_scale_{(provider == DatabaseProvider.Sqlite ? "sqlite" : "pg")}_{totalRules}_{await SchemaHashAsync()}";
        var manifestPath = Path.Combine(CacheDirectory, key + ".json");
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(CacheDirectory, key + ".db");
            if (File.Exists(file) && File.Exists(manifestPath))
            {
                Console.WriteLine($"  seeded database from the cache: {file} ({new FileInfo(file).Length / 1048576.0:F0} MB)");
                return new ScaleDatabase(provider, file, ReadManifest(manifestPath));
            }
            var temp = file + ".seeding";
            DeleteSqlite(temp);
            var manifest = await SeedAsync(provider, $"Data Source={temp};Pooling=False", totalRules);
            File.Move(temp, file, overwrite: true);
            await File.WriteAllTextAsync(manifestPath, JsonSerializer.Serialize(manifest));
            return new ScaleDatabase(provider, file, manifest);
        }

        ArgumentNullException.ThrowIfNull(server);
        if (File.Exists(manifestPath) && await DatabaseExistsAsync(server, key))
        {
            Console.WriteLine($"  seeded database from the cache: PostgreSQL database {key}");
            return new ScaleDatabase(provider, key, ReadManifest(manifestPath));
        }
        await DropDatabaseAsync(server, key);
        var connectionString = await server.CreateDatabaseAsync(key);
        var seeded = await SeedAsync(provider, connectionString, totalRules);
        NpgsqlConnection.ClearAllPools();
        await File.WriteAllTextAsync(manifestPath, JsonSerializer.Serialize(seeded));
        return new ScaleDatabase(provider, key, seeded);
    }

    /// <summary>A working copy of a cached database for one app run (the app adds people and tokens to it).</summary>
    public static async Task<string> WorkingCopyAsync(ScaleDatabase db, PostgresTestServer? server)
    {
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            var copy = Path.Combine(CacheDirectory, $"work-{Guid.NewGuid():N}.db");
            File.Copy(db.Location, copy);
            return $"Data Source={copy}";
        }
        ArgumentNullException.ThrowIfNull(server);
        var name = "sga_scale_work_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server.AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{db.Location}\"", connection);
            command.CommandTimeout = 600;
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = name, Pooling = true, Timeout = 15, CommandTimeout = 600 }.ToString();
    }

    public static async Task DeleteWorkingCopyAsync(DatabaseProvider provider, string connectionString, PostgresTestServer? server)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            DeleteSqlite(new SqliteConnectionStringBuilder(connectionString).DataSource);
            return;
        }
        await server!.DropDatabaseAsync(connectionString);
    }

    // ---- the data ----

    /// <summary>
    /// What is made for <c>totalRules</c> rules: max(10, totalRules / 1,000) tenants, each with its default group (the 4
    /// rules Neutron gives it); tenant <see cref="BigTenant"/> with min(50,000, totalRules / 5) rules in groups of 500
    /// (no template rules); tenant <see cref="GroupsTenant"/> with 2,000 groups of 2 egress rules each; the other
    /// tenants share the remaining rules in groups of up to 100 (2 egress template rules + the rest); and as many
    /// audit entries as rules, over all tenants, one every 30 s.
    /// </summary>
    private sealed class Plan
    {
        private readonly Random random = new(20261206);

        public Plan(int totalRules)
        {
            TotalRules = totalRules;
            var tenantCount = Math.Max(10, totalRules / 1_000);
            for (var t = 0; t < tenantCount; t++)
            {
                var name = t switch { 0 => BigTenant, 1 => GroupsTenant, _ => $"tenant-{t:D4}" };
                Tenants.Add(new Tenant
                {
                    Id = NewGuid().ToString("N"),
                    Name = name,
                    SecurityGroupQuota = -1,
                    SecurityGroupRuleQuota = -1,
                    CreatedAt = Epoch.AddMinutes(t),
                });
            }
            foreach (var tenant in Tenants)
            {
                var group = AddGroup(tenant, "default", "Default security group", 0, template: TemplateRules.Default);
                DefaultGroups.Add(new DefaultSecurityGroup { TenantId = tenant.Id, SecurityGroupId = group.Group.Id });
            }
            var bigRules = Math.Max(RulesPerBigGroup, Math.Min(50_000, totalRules / 5) / RulesPerBigGroup * RulesPerBigGroup);
            for (var g = 0; g < bigRules / RulesPerBigGroup; g++)
            {
                AddGroup(Tenants[0], $"big-{g:D4}", "500 rules", RulesPerBigGroup, TemplateRules.None);
            }
            for (var g = 0; g < GroupsInGroupsTenant; g++)
            {
                AddGroup(Tenants[1], $"g-{g:D4}", "", 0, TemplateRules.NewGroup);
            }
            var fillers = Tenants.Skip(2).ToList();
            var remaining = Math.Max(0, totalRules - Groups.Sum(g => g.RuleCount));
            for (var t = 0; t < fillers.Count; t++)
            {
                var share = remaining / fillers.Count + (t < remaining % fillers.Count ? 1 : 0);
                for (var g = 0; share > 0; g++)
                {
                    var custom = Math.Min(98, Math.Max(0, share - 2));
                    AddGroup(fillers[t], $"web-{g:D3}", "app tier", custom, TemplateRules.NewGroup);
                    share -= custom + 2;
                }
            }
        }

        public int TotalRules { get; }
        public List<Tenant> Tenants { get; } = [];
        public List<GroupPlan> Groups { get; } = [];
        public List<DefaultSecurityGroup> DefaultGroups { get; } = [];
        public int RuleCount => Groups.Sum(g => g.RuleCount);
        public int AuditCount => TotalRules;

        private GroupPlan AddGroup(Tenant tenant, string name, string description, int customRules, TemplateRules template)
        {
            var created = Epoch.AddDays(1).AddSeconds(Groups.Count * 7);
            var plan = new GroupPlan(new SecurityGroup
            {
                Id = NewGuid().ToString(),
                TenantId = tenant.Id,
                Name = name,
                Description = description,
                Stateful = true,
                RevisionNumber = 1 + customRules,
                CreatedAt = created,
                UpdatedAt = created.AddSeconds(customRules),
                UpdatedBy = customRules > 0 ? "bench@scale.test" : null,
            }, template, customRules, Groups.Count);
            Groups.Add(plan);
            return plan;
        }

        public Guid NewGuid()
        {
            Span<byte> b = stackalloc byte[16];
            random.NextBytes(b);
            b[7] = (byte)((b[7] & 0x0F) | 0x40);
            b[8] = (byte)((b[8] & 0x3F) | 0x80);
            return new Guid(b);
        }

        /// <summary>Every rule, group by group (rule ids from the same seeded random, so a plan is the same each time).</summary>
        public IEnumerable<SecurityGroupRule> Rules()
        {
            var ruleRandom = new Random(7);
            var global = 0;
            foreach (var plan in Groups)
            {
                var group = plan.Group;
                var created = group.CreatedAt;
                var template = plan.Template switch
                {
                    TemplateRules.Default => SecGroupAdmin.Web.SecurityGroups.GroupTemplate.DefaultGroupRules(group, created),
                    TemplateRules.NewGroup => SecGroupAdmin.Web.SecurityGroups.GroupTemplate.NewGroupRules(group, created),
                    _ => [],
                };
                foreach (var rule in template)
                {
                    rule.Id = RuleId(ruleRandom);
                    FillDerivedColumns(rule, rule.ToNormalized(), group);
                    yield return rule;
                }
                for (var k = 0; k < plan.CustomRules; k++, global++)
                {
                    yield return CustomRule(group, k, global, created.AddSeconds(k + 1), RuleId(ruleRandom));
                }
            }
        }

        private static string RuleId(Random r)
        {
            Span<byte> b = stackalloc byte[16];
            r.NextBytes(b);
            b[7] = (byte)((b[7] & 0x0F) | 0x40);
            b[8] = (byte)((b[8] & 0x3F) | 0x80);
            return new Guid(b).ToString();
        }

        /// <summary>
        /// Rule <paramref name="k"/> of a group, as the API would store it (validated and normalized by the domain's
        /// <see cref="RuleValidator"/>): mostly ingress tcp/udp on port 1000+k from a /24, some icmp and IPv6, and one
        /// in 997 rules ssh from anywhere (exposed), so the overview has risky rules to show.
        /// </summary>
        private static SecurityGroupRule CustomRule(SecurityGroup group, int k, int global, DateTime at, string id)
        {
            var direction = k % 4 == 3 ? Directions.Egress : Directions.Ingress;
            RuleInput input;
            if (global % 997 == 0)
            {
                input = RuleInput.FromForm(group.Id, Directions.Ingress, Ethertypes.IPv4, "tcp", 22, 22, "0.0.0.0/0", null, "ssh from anywhere");
            }
            else if (k % 10 == 8)
            {
                input = RuleInput.FromForm(group.Id, direction, Ethertypes.IPv4, "icmp", null, null, $"10.{k / 256 % 256}.{k % 256}.0/24", null, $"icmp {k}");
            }
            else if (k % 10 == 9)
            {
                input = RuleInput.FromForm(group.Id, direction, Ethertypes.IPv6, "tcp", 1000 + k, 1000 + k, $"fd00:{k:x}::/64", null, $"v6 {k}");
            }
            else
            {
                input = RuleInput.FromForm(group.Id, direction, Ethertypes.IPv4, k % 10 < 6 ? "tcp" : "udp", 1000 + k, 1000 + k,
                    $"10.{k / 256 % 256}.{k % 256}.7/24", null, $"rule {k}");
            }
            var result = RuleValidator.Validate(input);
            if (!result.IsValid)
            {
                throw new InvalidOperationException($"the seeder made an invalid rule {k}: {result.Error}");
            }
            var r = result.Rule;
            var rule = new SecurityGroupRule
            {
                Id = id,
                SecurityGroupId = group.Id,
                TenantId = group.TenantId,
                Direction = r.Direction,
                Ethertype = r.Ethertype,
                Protocol = r.Protocol,
                PortRangeMin = r.PortRangeMin,
                PortRangeMax = r.PortRangeMax,
                RemoteIpPrefix = r.RemoteIpPrefix,
                NormalizedCidr = r.NormalizedCidr,
                RemoteGroupId = r.RemoteGroupId,
                RemoteAddressGroupId = r.RemoteAddressGroupId,
                Description = r.Description,
                DuplicateKey = RuleKey.For(r).ToStorageString(),
                RevisionNumber = 0,
                CreatedAt = at,
                UpdatedAt = at,
            };
            FillDerivedColumns(rule, r, group);
            return rule;
        }

        private static readonly string[] Actions = ["create", "create", "update", "delete"];
        private static readonly string[] Sources = ["UI", "API", "API", "CLI"];

        /// <summary>Audit entries: rule and group changes by 50 people, spread over the tenants, newest last.</summary>
        public IEnumerable<AuditEntry> Audit()
        {
            var auditRandom = new Random(11);
            for (var j = 0; j < AuditCount; j++)
            {
                var tenant = Tenants[j % Tenants.Count];
                var action = Actions[j % Actions.Length];
                var isRule = j % 5 != 0;
                var resourceId = RuleId(auditRandom);
                var json = isRule
                    ? $$"""{"id":"{{resourceId}}","direction":"ingress","ethertype":"IPv4","protocol":"tcp","port_range_min":{{1000 + j % 5000}},"port_range_max":{{1000 + j % 5000}},"remote_ip_prefix":"10.{{j % 256}}.0.0/16"}"""
                    : $$"""{"id":"{{resourceId}}","name":"web-{{j % 100:D3}}","description":"app tier"}""";
                yield return new AuditEntry
                {
                    At = Epoch.AddDays(2).AddSeconds(30L * j),
                    ActorUserId = $"bench-user-{j % 50:D2}",
                    ActorName = $"person{j % 50:D2}@scale.test",
                    TenantId = tenant.Id,
                    Action = action,
                    ResourceType = isRule ? "security_group_rule" : "security_group",
                    ResourceId = resourceId,
                    BeforeJson = action == "create" ? null : json,
                    AfterJson = action == "delete" ? null : json,
                    Source = Sources[j % Sources.Length],
                    RequestId = null,
                };
            }
        }
    }

    private enum TemplateRules
    {
        None,
        Default,
        NewGroup,
    }

    private sealed record GroupPlan(SecurityGroup Group, TemplateRules Template, int CustomRules, int Index)
    {
        public int RuleCount => CustomRules + Template switch { TemplateRules.Default => 4, TemplateRules.NewGroup => 2, _ => 0 };
    }

    /// <summary>
    /// THE PLACE FOR DERIVED RULE COLUMNS. Today: a stored exposure verdict, if the rule entity has one (a property
    /// whose name contains "Exposure" or "Exposed"), from <see cref="RuleExposure"/>, in the property's type (the
    /// reason as enum, number or name, a bool for exposed or not, an int? for the sensitive port); the parent group's project
    /// (<see cref="SecurityGroupRule.GroupTenantId"/>, which the app's context fills on save). Another derived
    /// column goes here too.
    /// </summary>
    private static void FillDerivedColumns(SecurityGroupRule rule, in NormalizedRule normalized, SecurityGroup group)
    {
        rule.GroupTenantId = group.TenantId;
        if (ExposureProperties.Length == 0)
        {
            return;
        }
        var verdict = RuleExposure.Of(normalized);
        foreach (var p in ExposureProperties)
        {
            var type = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            object? value =
                type == typeof(ExposureReason) ? verdict.Reason
                : type == typeof(ExposureVerdict) ? verdict
                : type == typeof(bool) ? verdict.IsExposed
                : type == typeof(int) && p.Name.Contains("Port", StringComparison.Ordinal) ? verdict.SensitivePort
                : type.IsEnum ? Enum.ToObject(type, (int)verdict.Reason)
                : type == typeof(int) || type == typeof(byte) || type == typeof(short) ? Convert.ChangeType((int)verdict.Reason, type, System.Globalization.CultureInfo.InvariantCulture)
                : type == typeof(string) ? (verdict.IsExposed ? verdict.Reason.ToString() : null)
                : throw new NotSupportedException($"ScaleSeeder.FillDerivedColumns: add how to fill SecurityGroupRule.{p.Name} ({p.PropertyType.Name})");
            p.SetValue(rule, value);
        }
    }

    private static readonly System.Reflection.PropertyInfo[] ExposureProperties = typeof(SecurityGroupRule).GetProperties()
        .Where(p => p.CanWrite && (p.Name.Contains("Exposure", StringComparison.Ordinal) || p.Name.Contains("Exposed", StringComparison.Ordinal)))
        .ToArray();

    // ---- seeding ----

    private static async Task<ScaleManifest> SeedAsync(DatabaseProvider provider, string connectionString, int totalRules)
    {
        var started = Stopwatch.GetTimestamp();
        await using (var services = NewServices(provider, connectionString))
        {
            await DatabaseStartup.MigrateAsync(services);
        }
        var plan = new Plan(totalRules);
        Console.WriteLine($"  seeding {provider}: {plan.Tenants.Count:N0} tenants, {plan.Groups.Count:N0} groups, {plan.RuleCount:N0} rules, {plan.AuditCount:N0} audit entries" +
                          (ExposureProperties.Length > 0 ? $" (filling {string.Join(", ", ExposureProperties.Select(p => p.Name))})" : ""));
        var model = await DesignModelAsync(provider, connectionString);
        var migrated = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var tracker = new ManifestTracker(plan);
        IEnumerable<SecurityGroupRule> rules = tracker.Track(plan.Rules());
        var rows = provider == DatabaseProvider.Sqlite
            ? SqliteBulk.Write(connectionString, model, plan.Tenants, plan.Groups.Select(g => g.Group), plan.DefaultGroups, rules, plan.Audit())
            : await PostgresBulk.WriteAsync(connectionString, model, plan.Tenants, plan.Groups.Select(g => g.Group), plan.DefaultGroups, rules, plan.Audit());
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine($"  seeded {rows:N0} rows in {seconds:F1} s: migrations {migrated:F1} s, then {rows / (seconds - migrated):N0} rows/s in bulk");
        return tracker.Manifest();
    }

    private static ServiceProvider NewServices(DatabaseProvider provider, string connectionString)
    {
        var services = new ServiceCollection();
        // The app uses Identity schema v3 (passkeys); the model must match its migrations (as DesignTimeDbContextFactory).
        services.Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3);
        services.AddAppDatabase(new DatabaseSettings(provider, connectionString));
        return services.BuildServiceProvider();
    }

    /// <summary>The full (design-time) model: table and column names, type mappings.</summary>
    private static async Task<IModel> DesignModelAsync(DatabaseProvider provider, string connectionString)
    {
        await using var services = NewServices(provider, connectionString);
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return db.GetService<IDesignTimeModel>().Model;
    }

    /// <summary>Migrations and every mapped column of both providers, hashed: a schema change makes a new cache key.</summary>
    private static async Task<string> SchemaHashAsync()
    {
        var text = new StringBuilder($"v{DataVersion};");
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql })
        {
            var cs = provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=127.0.0.1;Database=none";
            await using var services = NewServices(provider, cs);
            await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            text.AppendJoin(',', db.Database.GetMigrations()).Append(';');
            foreach (var entity in db.GetService<IDesignTimeModel>().Model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                text.Append(entity.GetTableName()).Append('(');
                text.AppendJoin(',', entity.GetProperties().Select(p => $"{p.GetColumnName()}:{p.GetColumnType()}"));
                text.Append(')');
            }
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12].ToLowerInvariant();
    }

    /// <summary>Collects, while rules stream by, the ids the measurements need.</summary>
    private sealed class ManifestTracker(Plan plan)
    {
        private readonly HashSet<string> bigGroups = plan.Groups.Where(g => g.Group.TenantId == plan.Tenants[0].Id).Select(g => g.Group.Id).ToHashSet();
        private readonly List<string> bigRuleIds = [];
        private string? aRuleId;

        public IEnumerable<SecurityGroupRule> Track(IEnumerable<SecurityGroupRule> rules)
        {
            foreach (var rule in rules)
            {
                if (bigGroups.Contains(rule.SecurityGroupId))
                {
                    bigRuleIds.Add(rule.Id);
                    if (bigRuleIds.Count == RulesPerBigGroup / 2)
                    {
                        aRuleId = rule.Id;
                    }
                }
                yield return rule;
            }
        }

        public ScaleManifest Manifest()
        {
            var sorted = bigRuleIds.Order(StringComparer.Ordinal).ToList();
            var big = plan.Groups.First(g => g.Group.Name == "big-0000").Group;
            var named = plan.Groups.First(g => g.Group.Name == $"g-{GroupsInGroupsTenant * 3 / 4:D4}").Group;
            var byId = plan.Groups.First(g => g.Group.Name == $"g-{GroupsInGroupsTenant / 3:D4}").Group;
            return new ScaleManifest(
                plan.TotalRules, plan.RuleCount, plan.Tenants.Count, plan.Groups.Count, plan.AuditCount,
                BigTenant, GroupsTenant, big.Id, sorted.Count, aRuleId!, sorted[sorted.Count * 9 / 10],
                byId.Id, named.Name, plan.Tenants[0].Id);
        }
    }

    private static ScaleManifest ReadManifest(string path) =>
        JsonSerializer.Deserialize<ScaleManifest>(File.ReadAllText(path)) ?? throw new InvalidOperationException($"unreadable {path}");

    private static async Task<bool> DatabaseExistsAsync(PostgresTestServer server, string name)
    {
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", connection);
        command.Parameters.AddWithValue("n", name);
        return await command.ExecuteScalarAsync() is not null;
    }

    private static async Task DropDatabaseAsync(PostgresTestServer server, string name)
    {
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static void DeleteSqlite(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            try { File.Delete(path + suffix); } catch (IOException) { }
        }
    }

    // ---- the writers: columns from the model ----

    /// <summary>One table's INSERT/COPY columns and how to read each from an entity (provider value, after EF's converter).</summary>
    private sealed class TableWriter<T>
    {
        public TableWriter(IModel model)
        {
            var entity = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
            Table = entity.GetTableName()!;
            foreach (var p in entity.GetProperties())
            {
                // A store-generated key (the audit entries' identity) is left to the database.
                if (p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long))
                {
                    continue;
                }
                var getter = p.GetGetter();
                var converter = p.GetTypeMapping().Converter;
                Columns.Add(p.GetColumnName());
                Getters.Add(e =>
                {
                    var v = getter.GetClrValue(e!);
                    return v is null ? null : converter is null ? v : converter.ConvertToProvider(v);
                });
            }
        }

        public string Table { get; }
        public List<string> Columns { get; } = [];
        public List<Func<T, object?>> Getters { get; } = [];
        public string QuotedColumns => string.Join(", ", Columns.Select(c => $"\"{c}\""));
    }

    private static class SqliteBulk
    {
        public static long Write(string connectionString, IModel model, IEnumerable<Tenant> tenants, IEnumerable<SecurityGroup> groups,
            IEnumerable<DefaultSecurityGroup> defaults, IEnumerable<SecurityGroupRule> rules, IEnumerable<AuditEntry> audit)
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA foreign_keys=OFF;");
            long rows;
            using (var transaction = connection.BeginTransaction())
            {
                rows = Insert(connection, transaction, new TableWriter<Tenant>(model), tenants)
                    + Insert(connection, transaction, new TableWriter<SecurityGroup>(model), groups)
                    + Insert(connection, transaction, new TableWriter<DefaultSecurityGroup>(model), defaults)
                    + Insert(connection, transaction, new TableWriter<SecurityGroupRule>(model), rules)
                    + Insert(connection, transaction, new TableWriter<AuditEntry>(model), audit);
                transaction.Commit();
            }
            // Back to what the app's start-up sets.
            Execute(connection, "PRAGMA journal_mode=WAL;");
            return rows;
        }

        private static void Execute(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        private static long Insert<T>(SqliteConnection connection, SqliteTransaction transaction, TableWriter<T> table, IEnumerable<T> items)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO \"{table.Table}\" ({table.QuotedColumns}) VALUES ({string.Join(", ", table.Columns.Select((_, i) => "$p" + i))})";
            var parameters = table.Columns.Select((_, i) => command.Parameters.Add(new SqliteParameter("$p" + i, null))).ToArray();
            command.Prepare();
            long n = 0;
            foreach (var item in items)
            {
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i].Value = table.Getters[i](item) ?? DBNull.Value;
                }
                command.ExecuteNonQuery();
                n++;
            }
            return n;
        }
    }

    private static class PostgresBulk
    {
        public static async Task<long> WriteAsync(string connectionString, IModel model, IEnumerable<Tenant> tenants, IEnumerable<SecurityGroup> groups,
            IEnumerable<DefaultSecurityGroup> defaults, IEnumerable<SecurityGroupRule> rules, IEnumerable<AuditEntry> audit)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var rows = await CopyAsync(connection, new TableWriter<Tenant>(model), tenants)
                + await CopyAsync(connection, new TableWriter<SecurityGroup>(model), groups)
                + await CopyAsync(connection, new TableWriter<DefaultSecurityGroup>(model), defaults)
                + await CopyAsync(connection, new TableWriter<SecurityGroupRule>(model), rules)
                + await CopyAsync(connection, new TableWriter<AuditEntry>(model), audit);
            // What autovacuum would have done by the time a real database holds this much.
            await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 600 };
            await analyze.ExecuteNonQueryAsync();
            return rows;
        }

        private static async Task<long> CopyAsync<T>(NpgsqlConnection connection, TableWriter<T> table, IEnumerable<T> items)
        {
            long n = 0;
            await using (var writer = await connection.BeginBinaryImportAsync($"COPY \"{table.Table}\" ({table.QuotedColumns}) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var item in items)
                {
                    await writer.StartRowAsync();
                    foreach (var get in table.Getters)
                    {
                        var value = get(item);
                        if (value is null)
                        {
                            await writer.WriteNullAsync();
                        }
                        else
                        {
                            await writer.WriteAsync(value);
                        }
                    }
                    n++;
                }
                await writer.CompleteAsync();
            }
            return n;
        }
    }
}

/// <summary>A seeded database: SQLite file path or PostgreSQL database name, and what is in it.</summary>
public sealed record ScaleDatabase(DatabaseProvider Provider, string Location, ScaleManifest Manifest);

/// <summary>What the seeder made, with the ids the measurements use.</summary>
public sealed record ScaleManifest(
    int Size, int Rules, int Tenants, int Groups, int AuditEntries,
    string BigTenant, string GroupsTenant, string BigGroupId, int BigTenantRules, string RuleId, string DeepRuleMarker,
    string GroupByIdId, string GroupByName, string BigTenantId);
