using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Data.Audit;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.ApiTokens;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Tenancy;

namespace SecGroupAdmin.Web.Tests.Cli;

// CA1001: the harness is disposed by xUnit through IAsyncLifetime.DisposeAsync.
#pragma warning disable CA1001
public sealed class AdminCommandsTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const string GoodPassword = "Str0ng-Passw0rd!";

    private readonly AdminCommandsHarness cli = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => cli.DisposeAsync().AsTask();

    [Fact]
    public async Task Create_tenant_prints_the_new_id_alone_and_audits()
    {
        var run = await cli.RunAsync("create-tenant", "acme");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches("^[0-9a-f]{32}\n$", run.Stdout);
        var id = run.Stdout.Trim();
        await using var db = cli.CreateDbContext();
        var tenant = await db.Tenants.SingleAsync();
        Assert.Equal((id, "acme"), (tenant.Id, tenant.Name));
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal(("CLI", "cli", "admin CLI", "create", "tenant", id, id),
            (audit.Source, audit.ActorUserId, audit.ActorName, audit.Action, audit.ResourceType, audit.ResourceId, audit.TenantId));
        Assert.Contains("\"name\":\"acme\"", audit.AfterJson);
    }

    [Fact]
    public async Task Duplicate_tenant_name_is_refused_with_exit_1()
    {
        await cli.RunAsync("create-tenant", "acme");

        var run = await cli.RunAsync("create-tenant", "acme");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("already exists", run.Stderr);
        await using var db = cli.CreateDbContext();
        Assert.Equal(1, await db.Tenants.CountAsync());
    }

    [Fact]
    public async Task Create_user_takes_the_password_from_stdin()
    {
        var run = await cli.RunWithStdinAsync(GoodPassword + "\n", "create-user", "alice@example.test", "--password-stdin");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.DoesNotContain(GoodPassword, run.Stderr);
        await using var scope = cli.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync("alice@example.test");
        Assert.NotNull(user);
        Assert.True(user.EmailConfirmed);
        Assert.True(await users.CheckPasswordAsync(user, GoodPassword));
        await using var db = cli.CreateDbContext();
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal(("create", "user", user.Id), (audit.Action, audit.ResourceType, audit.ResourceId));
        Assert.DoesNotContain(GoodPassword, audit.AfterJson);
    }

    [Fact]
    public async Task Weak_password_is_refused_with_the_policys_reason()
    {
        var run = await cli.RunWithStdinAsync("weak\n", "create-user", "alice@example.test", "--password-stdin");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Passwords must be at least 6 characters", run.Stderr);
        Assert.DoesNotContain("weak\n", run.Stderr);
        await using var db = cli.CreateDbContext();
        Assert.Empty(await db.Users.ToListAsync());
        Assert.Empty(await db.AuditEntries.ToListAsync());
    }

    [Fact]
    public async Task Create_user_without_password_stdin_is_a_usage_error()
    {
        var run = await cli.RunAsync("create-user", "alice@example.test");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--password-stdin", run.Stderr);
    }

    [Fact]
    public async Task Add_member_refuses_a_role_that_is_not_a_tenant_role()
    {
        await CreateUserAsync("alice@example.test");
        await cli.RunAsync("create-tenant", "acme");

        var run = await cli.RunAsync("add-member", "alice@example.test", "acme", "--role", "owner");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("'owner' is not a tenant role", run.Stderr);
        Assert.Single(run.Stderr.Trim().Split('\n'));
        await using var db = cli.CreateDbContext();
        Assert.Empty(await db.Memberships.ToListAsync());
    }

    [Fact]
    public async Task Add_member_creates_then_updates_the_membership_by_tenant_name_or_id()
    {
        await CreateUserAsync("alice@example.test");
        var tenantId = (await cli.RunAsync("create-tenant", "acme")).Stdout.Trim();

        Assert.Equal(0, (await cli.RunAsync("add-member", "alice@example.test", "acme", "--role", "reader")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("add-member", "alice@example.test", tenantId, "--role=admin")).ExitCode);

        await using var db = cli.CreateDbContext();
        var membership = await db.Memberships.SingleAsync();
        Assert.Equal((tenantId, TenantRoles.Admin), (membership.TenantId, membership.Role));
        var audits = await db.AuditEntries.Where(a => a.ResourceType == "membership").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["create", "update"], audits.Select(a => a.Action));
        Assert.All(audits, a => Assert.Equal(tenantId, a.TenantId));
    }

    [Fact]
    public async Task Unknown_user_or_tenant_is_refused_with_one_line()
    {
        await cli.RunAsync("create-tenant", "acme");
        await CreateUserAsync("alice@example.test");

        var noUser = await cli.RunAsync("add-member", "nobody@example.test", "acme", "--role", "member");
        var noTenant = await cli.RunAsync("add-member", "alice@example.test", "nowhere", "--role", "member");

        Assert.Equal((1, "error: there is no user with email 'nobody@example.test'"), (noUser.ExitCode, noUser.Stderr.Trim()));
        Assert.Equal((1, "error: there is no tenant with name or id 'nowhere'"), (noTenant.ExitCode, noTenant.Stderr.Trim()));
    }

    [Fact]
    public async Task Grant_and_revoke_a_global_role()
    {
        await CreateUserAsync("ops@example.test");
        await CreateUserAsync("root@example.test");
        // The last CloudAdmin keeps the role (as in the UI): someone else holds it too.
        Assert.Equal(0, (await cli.RunAsync("grant", "root@example.test", "CloudAdmin")).ExitCode);

        var grant = await cli.RunAsync("grant", "ops@example.test", "CloudAdmin");
        Assert.Equal(0, grant.ExitCode);
        Assert.True(await IsInRoleAsync("ops@example.test", TenantRoles.CloudAdmin));

        var revoke = await cli.RunAsync("revoke", "ops@example.test", "cloudadmin");
        Assert.Equal(0, revoke.ExitCode);
        Assert.False(await IsInRoleAsync("ops@example.test", TenantRoles.CloudAdmin));

        Assert.Equal(1, (await cli.RunAsync("grant", "ops@example.test", "Superuser")).ExitCode);
        await using var db = cli.CreateDbContext();
        Assert.Equal(["create", "create", "delete"],
            await db.AuditEntries.Where(a => a.ResourceType == "role").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task Revoking_the_last_CloudAdmin_is_refused_and_the_role_kept()
    {
        await CreateUserAsync("ops@example.test");
        await cli.RunAsync("grant", "ops@example.test", "CloudAdmin");

        var run = await cli.RunAsync("revoke", "ops@example.test", "CloudAdmin");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal("error: This is the last CloudAdmin: grant the role to someone else first.", run.Stderr.Trim());
        Assert.True(await IsInRoleAsync("ops@example.test", TenantRoles.CloudAdmin));
        await using var db = cli.CreateDbContext();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.ResourceType == "role" && a.Action == "delete"));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\u0007b")]
    public async Task Create_tenant_refuses_a_name_the_UI_refuses_with_the_same_message(string name)
    {
        await CreateUserAsync("root@example.test");
        await cli.RunAsync("grant", "root@example.test", "CloudAdmin");
        var userId = (await FindUserAsync("root@example.test")).Id;
        var uiCaller = await cli.Services.GetRequiredService<CallerFactory>().CreateAsync(userId, null, ChangeSource.UI);
        var ui = await Assert.ThrowsAsync<NeutronException>(() =>
            cli.Services.GetRequiredService<TenantAdministrationService>().CreateTenantAsync(uiCaller!, name));

        var run = await cli.RunAsync("create-tenant", name);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal($"error: {ui.Message}", run.Stderr.Trim());
        Assert.Contains("cannot contain '/' or control characters", ui.Message);
        await using var db = cli.CreateDbContext();
        Assert.Empty(await db.Tenants.ToListAsync());
        Assert.False(await db.AuditEntries.AnyAsync(a => a.ResourceType == "tenant"));
    }

    [Fact]
    public async Task A_caller_built_to_look_like_the_CLI_operator_is_not_trusted()
    {
        await cli.MigrateAsync();
        var operatorCaller = Caller.SystemOperator(ChangeSource.CLI);
        var lookAlike = new Caller(operatorCaller.UserId, operatorCaller.UserName, "", null, IsCloudAdmin: true, IsAuditor: false, ChangeSource.CLI);

        var refused = await Assert.ThrowsAsync<NeutronException>(() =>
            cli.Services.GetRequiredService<TenantAdministrationService>().CreateTenantAsync(lookAlike, "acme"));

        Assert.Equal(403, refused.Error.Status);
        Assert.False(lookAlike.IsSystemOperator);
        await using var db = cli.CreateDbContext();
        Assert.Empty(await db.Tenants.ToListAsync());
    }

    [Fact]
    public async Task Create_user_keeps_neither_the_user_nor_its_audit_entry_when_the_audit_entry_fails()
    {
        await cli.MigrateAsync();
        await RefuseAuditEntriesAsync();

        var run = await cli.RunWithStdinAsync(GoodPassword + "\n", "create-user", "alice@example.test", "--password-stdin");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("audit refused", run.Stderr);
        await using var db = cli.CreateDbContext();
        Assert.Empty(await db.Users.ToListAsync());
        Assert.Empty(await db.AuditEntries.ToListAsync());
    }

    [Fact]
    public async Task Issue_token_keeps_neither_the_token_nor_its_audit_entry_when_the_audit_entry_fails()
    {
        await CreateUserAsync("alice@example.test");
        await cli.RunAsync("create-tenant", "acme");
        await cli.RunAsync("add-member", "alice@example.test", "acme", "--role", "member");
        await RefuseAuditEntriesAsync();

        var run = await cli.RunAsync("issue-token", "alice@example.test", "acme", "--name", "ci");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("audit refused", run.Stderr);
        await using var db = cli.CreateDbContext();
        Assert.Empty(await db.ApiTokens.ToListAsync());
        Assert.False(await db.AuditEntries.AnyAsync(a => a.ResourceType == "api_token"));
    }

    [Fact]
    public async Task Issue_token_prints_a_token_alone_that_validates()
    {
        await CreateUserAsync("alice@example.test");
        var tenantId = (await cli.RunAsync("create-tenant", "acme")).Stdout.Trim();
        await cli.RunAsync("add-member", "alice@example.test", "acme", "--role", "member");

        var run = await cli.RunAsync("issue-token", "alice@example.test", "acme", "--name", "ci", "--expires", "30");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches("^sga_[A-Za-z0-9_-]{43}\n$", run.Stdout);
        var secret = run.Stdout.Trim();
        Assert.DoesNotContain(secret, run.Stderr);
        var validation = await cli.Services.GetRequiredService<ApiTokenService>().ValidateAsync(secret);
        Assert.True(validation.Succeeded);
        Assert.Equal(tenantId, validation.Token!.TenantId);
        Assert.Equal("ci", validation.Token.Name);
        Assert.NotNull(validation.Token.ExpiresAt);

        await using var db = cli.CreateDbContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.ResourceType == "api_token");
        Assert.Equal(validation.Token.Id, audit.ResourceId);
        Assert.DoesNotContain(secret["sga_".Length..], audit.AfterJson);
        Assert.DoesNotContain(validation.Token.TokenHash, audit.AfterJson);
    }

    [Fact]
    public async Task Issue_token_for_a_non_member_is_refused()
    {
        await CreateUserAsync("alice@example.test");
        await cli.RunAsync("create-tenant", "acme");

        var run = await cli.RunAsync("issue-token", "alice@example.test", "acme");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("not a member", run.Stderr);
    }

    [Fact]
    public async Task List_users_shows_global_roles_and_memberships()
    {
        await CreateUserAsync("alice@example.test");
        await CreateUserAsync("ops@example.test");
        await cli.RunAsync("create-tenant", "acme");
        await cli.RunAsync("create-tenant", "beta");
        await cli.RunAsync("add-member", "alice@example.test", "acme", "--role", "admin");
        await cli.RunAsync("add-member", "alice@example.test", "beta", "--role", "reader");
        await cli.RunAsync("grant", "ops@example.test", "Auditor");

        var run = await cli.RunAsync("list-users");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Matches(@"^EMAIL\s+GLOBAL ROLES\s+MEMBERSHIPS$", lines[0]);
        Assert.Matches(@"^alice@example\.test\s+-\s+acme:admin, beta:reader$", lines[1]);
        Assert.Matches(@"^ops@example\.test\s+Auditor\s+-$", lines[2]);
        Assert.Equal(lines[0].IndexOf("GLOBAL", StringComparison.Ordinal), lines[1].IndexOf(" -  ", StringComparison.Ordinal) + 1);
    }

    [Fact]
    public async Task List_tenants_shows_ids_member_counts_and_quotas()
    {
        await CreateUserAsync("alice@example.test");
        var id = (await cli.RunAsync("create-tenant", "acme")).Stdout.Trim();
        await cli.RunAsync("add-member", "alice@example.test", "acme", "--role", "member");

        var run = await cli.RunAsync("list-tenants");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.TrimEnd().Split('\n');
        Assert.Matches(@"^ID\s+NAME\s+MEMBERS\s+GROUP QUOTA\s+RULE QUOTA$", lines[0]);
        Assert.Matches($@"^{id}\s+acme\s+1\s+10\s+100$", lines[1]);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("help")]
    [InlineData(null)]
    public async Task Unknown_verb_help_or_no_verb_prints_usage_and_exits_2(string? verb)
    {
        var run = verb is null ? await cli.RunAsync() : await cli.RunAsync(verb);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("Usage: SecGroupAdmin.Web admin VERB", run.Stderr);
    }

    [Fact]
    public async Task Missing_argument_is_a_one_line_usage_error()
    {
        var run = await cli.RunAsync("create-tenant");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: missing NAME (usage: admin create-tenant NAME)", run.Stderr.Trim());
    }

    private async Task CreateUserAsync(string email)
    {
        var run = await cli.RunWithStdinAsync(GoodPassword + "\n", "create-user", email, "--password-stdin");
        Assert.Equal(0, run.ExitCode);
    }

    /// <summary>From now on the database itself refuses every new audit entry (a real failure inside the change's SaveChanges).</summary>
    private async Task RefuseAuditEntriesAsync()
    {
        await using var db = cli.CreateDbContext();
        var table = db.Model.FindEntityType(typeof(AuditEntry))!.GetTableName();
        var trigger = $"CREATE TRIGGER refuse_audit BEFORE INSERT ON \"{table}\" BEGIN SELECT RAISE(ABORT, 'audit refused'); END;";
        await db.Database.ExecuteSqlRawAsync(trigger); // the table name comes from the model, not from input
    }

    private async Task<ApplicationUser> FindUserAsync(string email)
    {
        await using var scope = cli.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email))!;
    }

    private async Task<bool> IsInRoleAsync(string email, string role)
    {
        await using var scope = cli.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.IsInRoleAsync((await users.FindByEmailAsync(email))!, role);
    }
}
