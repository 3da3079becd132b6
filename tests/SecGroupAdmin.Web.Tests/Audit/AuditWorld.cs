using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Quotas;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Tests.Infrastructure;

namespace SecGroupAdmin.Web.Tests.Audit;

/// <summary>
/// Two tenants (alpha, beta), a person in every role, and real changes made through SecurityGroupService on a
/// migrated in-memory SQLite database, a day apart, from the UI, the API and the CLI:
/// memberA (UI) creates group "web" in alpha, opens SSH to 0.0.0.0/0 and renames "web" to "web-frontend";
/// adminB (API) creates "db-beta" in beta with PostgreSQL from 10.0.0.0/8; cloud (CLI) raises beta's group quota.
/// </summary>
public sealed class AuditWorld
{
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    public SqliteTestDatabase Db { get; } = new();
    public ManualTimeProvider Clock { get; } = new(Start);
    public Dictionary<string, (string Id, string Name)> People { get; } = [];
    public string Alpha { get; private set; } = "";
    public string Beta { get; private set; } = "";
    public string WebGroupId { get; private set; } = "";
    public string SshRuleId { get; private set; } = "";

    public IServiceProvider Services { get; private set; } = null!;

    /// <summary>Registers the app's real services (AddSecGroupAdminCore) over this database and this clock.</summary>
    public void AddTo(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        Db.AddAppCoreTo(services);
    }

    public static AuditWorld Create()
    {
        var world = new AuditWorld();
        var services = new ServiceCollection();
        world.AddTo(services);
        world.Services = services.BuildServiceProvider();
        Task.Run(world.SeedAsync).GetAwaiter().GetResult();
        return world;
    }

    /// <summary>Same world, new DI container (for a bUnit context): the database and clock are shared.</summary>
    public void AddSharedTo(IServiceCollection services) => AddTo(services);

    public string Id(string who) => People[who].Id;

    public Task<Caller> CallerAsync(string who, string? tenantId, ChangeSource source = ChangeSource.UI) =>
        Services.GetRequiredService<CallerFactory>().CreateAsync(Id(who), tenantId, source)!;

    private async Task SeedAsync()
    {
        var people = Db.People;
        Alpha = (await people.TenantAsync("alpha")).Id;
        Beta = (await people.TenantAsync("beta")).Id;
        async Task Person(string key, Role role, string? tenant = null)
        {
            var user = await people.PersonAsync($"{key}@test.example", role, tenant);
            People[key] = (user.Id, user.UserName!);
        }
        await Person("adminA", Role.TenantAdmin, "alpha");
        await Person("memberA", Role.Member, "alpha");
        await Person("readerA", Role.Reader, "alpha");
        await Person("adminB", Role.TenantAdmin, "beta");
        await Person("auditor", Role.Auditor);
        await Person("cloud", Role.CloudAdmin);
        await Person("outsider", Role.Outsider);

        var groups = Services.GetRequiredService<SecurityGroupService>();
        var memberA = await CallerAsync("memberA", Alpha);
        var web = await groups.CreateGroupAsync(memberA, GroupCreateRequest.FromForm("web", "web servers"));
        WebGroupId = web.Id;
        Clock.Advance(TimeSpan.FromDays(1));
        var ssh = await groups.CreateRuleAsync(memberA, RuleInput.FromForm(web.Id, "ingress", "IPv4", "tcp", 22, 22, "0.0.0.0/0", null, "ssh from anywhere"));
        SshRuleId = ssh.Id;
        Clock.Advance(TimeSpan.FromDays(1));
        await groups.UpdateGroupAsync(memberA, web.Id, new GroupUpdateRequest { Name = InputValue.FromString("web-frontend") });

        Clock.Advance(TimeSpan.FromDays(1));
        var adminB = await CallerAsync("adminB", Beta, ChangeSource.API);
        var db2 = await groups.CreateGroupAsync(adminB, GroupCreateRequest.FromForm("db-beta", "databases"));
        await groups.CreateRuleAsync(adminB, RuleInput.FromForm(db2.Id, "ingress", "IPv4", "tcp", 5432, 5432, "10.0.0.0/8", null, null));

        Clock.Advance(TimeSpan.FromDays(1));
        var cloud = await CallerAsync("cloud", null, ChangeSource.CLI);
        await Services.GetRequiredService<QuotaService>().UpdateQuotaAsync(cloud, Beta, 20, null);
        Clock.Advance(TimeSpan.FromHours(2));
    }
}

/// <summary>A bUnit context over an <see cref="AuditWorld"/>, signed in as one of its people.</summary>
public abstract class AuditPageTestContext : BunitTestContext
{
    protected AuditWorld World { get; } = AuditWorld.Create();

    protected AuditPageTestContext()
    {
        World.AddSharedTo(Services);
    }

    protected void SignInAs(string who)
    {
        var auth = AddAuthorization();
        var (id, name) = World.People[who];
        auth.SetAuthorized(name);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, id));
        SetRendererInfo(new RendererInfo("Server", true)); // as in the app's circuit
    }
}
