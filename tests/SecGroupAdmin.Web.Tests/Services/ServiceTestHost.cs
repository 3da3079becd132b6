using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.AddressGroups;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.Hosting;
using SecGroupAdmin.Web.Ports;
using SecGroupAdmin.Web.Quotas;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.Web.Tests.Services;

/// <summary>
/// A real <see cref="SecurityGroupService"/> (with <see cref="PortService"/> and <see cref="QuotaService"/>) over a real, migrated SQLite FILE database in WAL mode
/// (each DbContext opens its own connection, so concurrency is real), or over a fresh database on a real PostgreSQL
/// server (<see cref="ServiceTestHost(DatabaseProvider)"/>, or every host when the environment variable
/// <c>SGA_TEST_DB_PROVIDER=PostgreSql</c> is set; the server is <see cref="PostgresTestServer.SharedAsync"/>), with
/// tenants A and B, an operators' tenant for the CloudAdmin and the Auditor, and ready-made callers. One host per test;
/// the database is deleted on dispose.
/// </summary>
public sealed class ServiceTestHost : IDisposable
{
    public const string MemberAId = "memberA";
    public const string ProviderVariable = "SGA_TEST_DB_PROVIDER";

    private readonly ServiceProvider provider;
    private readonly string directory;
    private readonly PostgresTestServer? postgres;

    public ServiceTestHost() : this(DefaultProvider())
    {
    }

    public ServiceTestHost(DatabaseProvider databaseProvider)
    {
        Provider = databaseProvider;
        directory = Path.Combine(Path.GetTempPath(), "sga-svc-tests");
        if (databaseProvider == DatabaseProvider.PostgreSql)
        {
            DatabasePath = "";
            // Off xUnit's synchronization context, so blocking here cannot starve it.
            var server = Task.Run(PostgresTestServer.SharedAsync).GetAwaiter().GetResult();
            postgres = server;
            ConnectionString = Task.Run(async () => await server.CreateDatabaseAsync(template: await PostgresTemplate.Value)).GetAwaiter().GetResult();
        }
        else
        {
            Directory.CreateDirectory(directory);
            DatabasePath = Path.Combine(directory, $"svc-{Guid.NewGuid():N}.db");
            File.Copy(SqliteTemplate.Value, DatabasePath);
            ConnectionString = new SqliteConnectionStringBuilder
            {
                DataSource = DatabasePath,
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();
        }

        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(new ListLoggerFactory(Log));
        services.AddSecGroupAdminCore(new DatabaseSettings(databaseProvider, ConnectionString), new ConfigurationBuilder().Build());
        provider = services.BuildServiceProvider();

        using (var db = NewDb())
        {
            if (db.Database.IsSqlite())
            {
                db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
            }
            db.Tenants.AddRange(
                new Tenant { Id = TenantA, Name = "tenant-a" },
                new Tenant { Id = TenantB, Name = "tenant-b" },
                new Tenant { Id = OpsTenant, Name = "operators" });
            db.SaveChanges();
        }

        Service = provider.GetRequiredService<SecurityGroupService>();
        AddressGroups = provider.GetRequiredService<AddressGroupService>();
        DefaultRules = provider.GetRequiredService<Web.DefaultRules.DefaultRuleService>();
        Ports = provider.GetRequiredService<PortService>();
        Quotas = provider.GetRequiredService<QuotaService>();
        Events = provider.GetRequiredService<ResourceEventBus>();
    }

    public DatabaseProvider Provider { get; }

    /// <summary>
    /// The migrations run once per test process into a template database; each host's database is a copy of it (a
    /// file copy on SQLite, <c>CREATE DATABASE … TEMPLATE</c> on PostgreSQL), where migrating took ~250 ms a test.
    /// </summary>
    private static readonly Lazy<string> SqliteTemplate = new(() =>
    {
        var directory = Path.Combine(Path.GetTempPath(), "sga-svc-tests");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"template-{Guid.NewGuid():N}.db");
        Migrate(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    });

    private static readonly Lazy<Task<string>> PostgresTemplate = new(async () =>
    {
        var server = await PostgresTestServer.SharedAsync();
        var name = "sga_template_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = await server.CreateDatabaseAsync(name);
        Migrate(DatabaseProvider.PostgreSql, connectionString);
        Npgsql.NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DropDatabaseAsync(connectionString).GetAwaiter().GetResult();
        return name;
    });

    private static void Migrate(DatabaseProvider databaseProvider, string connectionString)
    {
        var services = new ServiceCollection();
        services.AddSecGroupAdminCore(new DatabaseSettings(databaseProvider, connectionString), new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();
        using var db = provider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        db.Database.Migrate();
    }

    private static DatabaseProvider DefaultProvider() =>
        Environment.GetEnvironmentVariable(ProviderVariable) is { Length: > 0 } value
            ? DatabaseLocation.ResolveProvider(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { [DatabaseLocation.ProviderKey] = value }).Build())
            : DatabaseProvider.Sqlite;

    /// <summary>The SQLite file ("" on PostgreSQL).</summary>
    public string DatabasePath { get; }
    public string ConnectionString { get; }
    public SecurityGroupService Service { get; }
    public AddressGroupService AddressGroups { get; }
    public Web.DefaultRules.DefaultRuleService DefaultRules { get; }
    public PortService Ports { get; }
    public Web.Tags.TagService Tags => provider.GetRequiredService<Web.Tags.TagService>();
    public T Get<T>() where T : notnull => provider.GetRequiredService<T>();
    public Web.Rbac.RbacPolicyService Rbac => provider.GetRequiredService<Web.Rbac.RbacPolicyService>();
    public QuotaService Quotas { get; }
    public ResourceEventBus Events { get; }
    /// <summary>Everything logged (e.g. a failing after-commit subscriber).</summary>
    public List<string> Log { get; } = [];

    public string TenantA { get; } = Tenant.NewId();
    public string TenantB { get; } = Tenant.NewId();
    /// <summary>The CloudAdmin's and the Auditor's own tenant (Neutron's "adminproj").</summary>
    public string OpsTenant { get; } = Tenant.NewId();

    public Caller MemberA => new(MemberAId, "alice", TenantA, TenantRoles.Member, false, false, ChangeSource.UI, "req-1");
    public Caller AdminA => new("adminA", "anna", TenantA, TenantRoles.Admin, false, false, ChangeSource.API);
    public Caller ReaderA => new("readerA", "rita", TenantA, TenantRoles.Reader, false, false, ChangeSource.UI);
    public Caller MemberB => new("memberB", "bob", TenantB, TenantRoles.Member, false, false, ChangeSource.CLI);
    public Caller Auditor => new("auditor", "audrey", OpsTenant, null, false, true, ChangeSource.UI);
    public Caller CloudAdmin => new("cloudadmin", "root", OpsTenant, TenantRoles.Admin, true, false, ChangeSource.CLI);
    /// <summary>Signed in but with no role in any tenant.</summary>
    public Caller Outsider => new("outsider", "otto", TenantA, null, false, false, ChangeSource.UI);

    public AppDbContext NewDb() => provider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();

    /// <summary>The app's context factory, for the read-side queries (they take one, not a context).</summary>
    public IDbContextFactory<AppDbContext> DbFactory => provider.GetRequiredService<IDbContextFactory<AppDbContext>>();

    public async Task<SecurityGroup> NewGroupAsync(Caller? caller = null, string name = "web", bool startEmpty = false, bool stateful = true) =>
        await Service.CreateGroupAsync(caller ?? MemberA, GroupCreateRequest.FromForm(name, null, stateful, startEmpty));

    public async Task SetQuotaAsync(string tenantId, int? groups, int? rules) =>
        await Quotas.UpdateQuotaAsync(CloudAdmin, tenantId, groups, rules);

    public int RuleCount(string? groupId = null)
    {
        using var db = NewDb();
        return groupId is null ? db.SecurityGroupRules.Count() : db.SecurityGroupRules.Count(r => r.SecurityGroupId == groupId);
    }

    public int GroupCount(string tenantId)
    {
        using var db = NewDb();
        return db.SecurityGroups.Count(g => g.TenantId == tenantId);
    }

    public int AuditCount()
    {
        using var db = NewDb();
        return db.AuditEntries.Count();
    }

    public long Revision(string groupId)
    {
        using var db = NewDb();
        return db.SecurityGroups.Where(g => g.Id == groupId).Select(g => g.RevisionNumber).First();
    }

    /// <summary>An ingress IPv4 rule; protocol and ports optional.</summary>
    public static RuleInput Rule(string groupId, string? protocol = "tcp", int? port = 22, string? prefix = null,
        string? remoteGroupId = null, string direction = "ingress", string? ethertype = "IPv4", int? portMax = null, string? description = null) =>
        RuleInput.FromForm(groupId, direction, ethertype, protocol, port, port is null ? portMax : portMax ?? port, prefix, remoteGroupId, description);

    /// <summary>Runs <paramref name="act"/>, which must fail with a <see cref="NeutronException"/>, and returns its error.</summary>
    public static async Task<NeutronError> ErrorOf(Func<Task> act) =>
        (await Assert.ThrowsAsync<NeutronException>(act)).Error;

    /// <summary>Asserts status, Neutron type and exact message.</summary>
    public static async Task<NeutronError> AssertFails(Func<Task> act, int status, string type, string? message = null)
    {
        var error = await ErrorOf(act);
        Assert.Equal(type, error.Type);
        Assert.Equal(status, error.Status);
        if (message is not null)
        {
            Assert.Equal(message, error.Message);
        }
        return error;
    }

    public static string NotFoundMessage(string id) => $"Security group {id} does not exist";

    public void Dispose()
    {
        provider.Dispose();
        if (postgres is not null)
        {
            Task.Run(() => postgres.DropDatabaseAsync(ConnectionString)).GetAwaiter().GetResult();
            return;
        }
        using (var connection = new SqliteConnection(ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(DatabasePath + suffix);
            }
            catch (IOException)
            {
                // Best effort: a file still open elsewhere is left in the temp folder.
            }
        }
    }

    private sealed class ListLoggerFactory(List<string> sink) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(sink, categoryName);
        public void AddProvider(ILoggerProvider provider) { }
        public void Dispose() { }
    }

    private sealed class ListLogger(List<string> sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }
            lock (sink)
            {
                sink.Add($"{logLevel} {category}: {formatter(state, exception)} {exception?.Message}");
            }
        }
    }
}
