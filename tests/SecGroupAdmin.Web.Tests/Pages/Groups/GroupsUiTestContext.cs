using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Audit;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Ports;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Tests.Infrastructure;

namespace SecGroupAdmin.Web.Tests.Pages.Groups;

/// <summary>
/// Component tests of the groups pages over the real services and a real, migrated in-memory SQLite database:
/// the services the pages inject are the app's own (HostingExtensions.AddSecGroupAdminCore; no mocks of our code),
/// with bUnit's test authentication in place of Identity. Tenants "acme" (the one under test) and "other";
/// one user per <see cref="Role"/>. Arranging goes through the service as a CLI caller, so the audit entries a
/// page writes (Source UI) stand apart.
/// </summary>
public abstract class GroupsUiTestContext : BunitTestContext
{
    protected const string TenantName = "acme";
    protected const string OtherTenantName = "other";

    private readonly SqliteTestDatabase database = new();
    private readonly Dictionary<Role, string> userIds = [];

    protected GroupsUiTestContext()
    {
        database.AddAppCoreTo(Services);
        Auth = AddAuthorization();

        var people = database.People;
        (Acme, Other) = Task.Run(async () =>
        {
            var acme = await people.TenantAsync(TenantName);
            var other = await people.TenantAsync(OtherTenantName);
            foreach (var role in Enum.GetValues<Role>())
            {
                var email = $"{role.ToString().ToLowerInvariant()}@example.test";
                // The outsider is a member of the other tenant.
                var user = role is Role.Outsider
                    ? await people.PersonAsync(email, Role.Member, OtherTenantName)
                    : await people.PersonAsync(email, role, TenantName);
                userIds[role] = user.Id;
            }
            return (acme, other);
        }).GetAwaiter().GetResult();
    }

    protected BunitAuthorizationContext Auth { get; }
    protected Tenant Acme { get; }
    protected Tenant Other { get; }
    protected SecurityGroupService Service => Services.GetRequiredService<SecurityGroupService>();
    protected PortService Ports => Services.GetRequiredService<PortService>();
    protected GroupSummaryQuery Summaries => Services.GetRequiredService<GroupSummaryQuery>();

    /// <summary>A member of acme acting through the CLI, for arranging data.</summary>
    protected Caller Arranger => new(userIds[Role.Member], "member@example.test", Acme.Id, TenantRoles.Member, false, false, ChangeSource.CLI);

    /// <summary>A member of the other tenant acting through the CLI.</summary>
    protected Caller OtherArranger => new(userIds[Role.Outsider], "outsider@example.test", Other.Id, TenantRoles.Member, false, false, ChangeSource.CLI);

    protected string UserId(Role role) => userIds[role];

    public static TheoryData<Role> AllRoles => [.. Enum.GetValues<Role>()];

    public static bool Writes(Role role) => role is Role.TenantAdmin or Role.Member or Role.CloudAdmin;

    /// <summary>Signs the user of <paramref name="role"/> in, with the global role claims the app would give them.</summary>
    protected void SignIn(Role role)
    {
        Auth.SetAuthorized($"{role.ToString().ToLowerInvariant()}@example.test");
        // Roles before claims: in bUnit 2.15 SetRoles drops claims set earlier.
        if (role is Role.CloudAdmin)
        {
            Auth.SetRoles(TenantRoles.CloudAdmin);
        }
        else if (role is Role.Auditor)
        {
            Auth.SetRoles(TenantRoles.Auditor);
        }
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userIds[role]));
    }

    /// <summary>The page context a page would build for the signed-in user in acme (null for an outsider).</summary>
    protected async Task<TenantContext?> ContextForAsync(string tenantName = TenantName) =>
        await Services.GetRequiredService<UiCallerProvider>().ForTenantAsync(tenantName);

    /// <summary>MudBlazor's popover and dialog hosts, as MainLayout renders them; dialogs and menus appear here.</summary>
    protected IRenderedComponent<IComponent> RenderProviders() => Render(b =>
    {
        b.OpenComponent<MudPopoverProvider>(0);
        b.CloseComponent();
        b.OpenComponent<MudDialogProvider>(1);
        b.CloseComponent();
    });

    protected IDialogService Dialogs => Services.GetRequiredService<IDialogService>();

    protected NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    protected AppDbContext Db() => database.CreateDbContext();

    /// <summary>
    /// A check of the database by the test itself. The page under test shares the one in-memory connection and may still
    /// be reading (a live refresh): SQLite refuses to set up a new context's functions on a connection with an active
    /// statement (error 5), so the read waits (up to a second) until the connection is free and the read succeeds.
    /// </summary>
    protected T ReadDb<T>(Func<AppDbContext, T> read)
    {
        T result = default!;
        SqliteException? busy = null;
        var done = SpinWait.SpinUntil(() =>
        {
            try
            {
                using var db = Db();
                result = read(db);
                return true;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == 5)
            {
                busy = ex;
                return false;
            }
        }, TimeSpan.FromSeconds(1));
        return done ? result : throw busy!;
    }

    protected async Task<SecurityGroup> NewGroupAsync(string name, string description = "", bool startEmpty = false, Caller? caller = null) =>
        await Service.CreateGroupAsync(caller ?? Arranger, GroupCreateRequest.FromForm(name, description, startEmpty: startEmpty));

    protected async Task<SecurityGroupRule> NewRuleAsync(string groupId, string? protocol = "tcp", int? port = 22, string? prefix = null,
        string? remoteGroupId = null, string direction = "ingress", string ethertype = "IPv4", string? description = null, Caller? caller = null) =>
        await Service.CreateRuleAsync(caller ?? Arranger,
            RuleInput.FromForm(groupId, direction, ethertype, protocol, port, port, prefix, remoteGroupId, description));

    protected async Task<string> DefaultGroupIdAsync() => (await Service.EnsureDefaultGroupAsync(Arranger, Acme.Id))!;

    protected void SetQuota(int groups, int rules)
    {
        using var db = Db();
        var tenant = db.Tenants.Single(t => t.Id == Acme.Id);
        tenant.SecurityGroupQuota = groups;
        tenant.SecurityGroupRuleQuota = rules;
        db.SaveChanges();
    }

    protected List<SecurityGroup> GroupsInDb(string tenantId) =>
        ReadDb(db => db.SecurityGroups.Include(g => g.Rules).AsNoTracking().Where(g => g.TenantId == tenantId).ToList());

    protected List<SecurityGroupRule> RulesInDb(string groupId) =>
        ReadDb(db => db.SecurityGroupRules.AsNoTracking().Where(r => r.SecurityGroupId == groupId).ToList());

    protected List<AuditEntry> UiAudit() =>
        ReadDb(db => db.AuditEntries.AsNoTracking().Where(a => a.Source == "UI").OrderBy(a => a.Id).ToList());

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        database.Dispose();
    }
}
