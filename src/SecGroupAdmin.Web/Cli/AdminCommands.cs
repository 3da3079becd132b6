using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Web.ApiTokens;
using SecGroupAdmin.Web.Hosting;

namespace SecGroupAdmin.Web.Cli;

/// <summary>
/// The operator verbs behind <c>SecGroupAdmin.Web admin VERB ...</c>. stdout carries only the result (the id
/// of create-tenant, the token of issue-token, the tables of the list verbs); everything else goes to stderr.
/// Exit codes: 0 done, 1 refused (bad input, duplicate, unknown user or tenant), 2 usage (help, unknown verb,
/// missing or unknown arguments). Every change writes an audit entry with source CLI.
/// </summary>
public sealed class AdminCommands
{
    public const int ExitOk = 0;
    public const int ExitFailure = 1;
    public const int ExitUsage = 2;

    public const string UsageText = """
        Usage: SecGroupAdmin.Web admin VERB [ARGS]
          (from a clone: dotnet run --project src/SecGroupAdmin.Web -- admin VERB [ARGS])

          create-tenant NAME                                  prints the new tenant id alone on stdout
          create-user EMAIL --password-stdin                  reads the password from one line of stdin
          add-member EMAIL TENANT --role admin|member|reader  TENANT is a name or an id; creates or updates
          grant EMAIL CloudAdmin|Auditor                      gives a global role
          revoke EMAIL CloudAdmin|Auditor                     takes a global role away
          issue-token EMAIL TENANT [--name N] [--expires DAYS]
                                                              prints the token alone on stdout, once
          list-tenants                                        id, name, members, quotas
          list-users                                          email, global roles, memberships
          help                                                this text

        The database is the app's: ConnectionStrings:Default (environment: ConnectionStrings__Default).
        Exit codes: 0 done, 1 refused, 2 usage.
        """;

    private readonly TextReader stdin;
    private readonly TextWriter stdout;
    private readonly TextWriter stderr;
    private readonly IServiceProvider services;
    private readonly IDbContextFactory<AppDbContext> dbFactory;
    private readonly TimeProvider time;
    private bool databaseReady;

    private AdminCommands(TextReader stdin, TextWriter stdout, TextWriter stderr, IServiceProvider services)
    {
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.services = services;
        dbFactory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        time = services.GetService<TimeProvider>() ?? TimeProvider.System;
    }

    /// <summary>
    /// Runs one verb. <paramref name="args"/> starts with the verb (the words after <c>admin</c>). Migrations
    /// are applied before a verb touches the database. Returns the process exit code.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, IServiceProvider services)
    {
        var verb = args.Length == 0 ? null : args[0];
        var rest = args.Skip(1).ToArray();
        var commands = new AdminCommands(stdin, stdout, stderr, services);
        Func<string[], Task>? run = verb switch
        {
            "create-tenant" => commands.CreateTenantAsync,
            "create-user" => commands.CreateUserAsync,
            "add-member" => commands.AddMemberAsync,
            "grant" => commands.GrantAsync,
            "revoke" => commands.RevokeAsync,
            "issue-token" => commands.IssueTokenAsync,
            "list-tenants" => commands.ListTenantsAsync,
            "list-users" => commands.ListUsersAsync,
            _ => null,
        };

        if (run is null)
        {
            if (verb is not (null or "help" or "--help" or "-h"))
            {
                await stderr.WriteLineAsync($"error: unknown verb '{verb}'");
            }
            await stderr.WriteLineAsync(UsageText);
            return ExitUsage;
        }

        try
        {
            await run(rest);
            await stdout.FlushAsync();
            return ExitOk;
        }
        catch (CommandFailure failure)
        {
            await stderr.WriteLineAsync($"error: {failure.Message}");
            return failure.ExitCode;
        }
        catch (Exception unexpected) when (unexpected is DbUpdateException or InvalidOperationException or ArgumentException)
        {
            await stderr.WriteLineAsync($"error: {OneLine(unexpected.GetBaseException().Message)}");
            return ExitFailure;
        }
    }

    private async Task CreateTenantAsync(string[] words)
    {
        var args = CommandArguments.Parse(words, "create-tenant NAME");
        var name = args.Positional(0, "NAME");
        args.NoMorePositionalsThan(1);
        if (name.Length > 255)
        {
            throw new CommandFailure("a tenant name has at most 255 characters");
        }

        await using var db = await OpenDatabaseAsync();
        var existing = await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Name == name);
        if (existing is not null)
        {
            throw new CommandFailure($"a tenant named '{name}' already exists (id {existing.Id})");
        }

        var now = Now();
        var tenant = new Tenant { Name = name, CreatedAt = now };
        db.Tenants.Add(tenant);
        db.AuditEntries.Add(CliAudit.Entry(now, "create", "tenant", tenant.Id, tenant.Id, null, TenantJson(tenant)));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            throw new CommandFailure($"a tenant named '{name}' already exists");
        }

        await stderr.WriteLineAsync($"Created tenant '{name}'.");
        await stdout.WriteLineAsync(tenant.Id);
    }

    private async Task CreateUserAsync(string[] words)
    {
        var args = CommandArguments.Parse(words, "create-user EMAIL --password-stdin", flagOptions: ["--password-stdin"]);
        var email = args.Positional(0, "EMAIL");
        args.NoMorePositionalsThan(1);
        if (!args.Has("--password-stdin"))
        {
            throw args.Usage("create-user needs --password-stdin (a password is never taken from the command line)");
        }
        if (!new EmailAddressAttribute().IsValid(email))
        {
            throw new CommandFailure($"'{email}' is not an email address");
        }
        var password = await stdin.ReadLineAsync();
        if (string.IsNullOrEmpty(password))
        {
            throw new CommandFailure("no password on stdin (expected one line)");
        }

        await EnsureDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            throw new CommandFailure($"a user with email '{email}' already exists");
        }

        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new CommandFailure("the user was not created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await WriteAuditAsync(CliAudit.Entry(Now(), "create", "user", user.Id, null, null,
            new { id = user.Id, email, email_confirmed = true }));
        await stderr.WriteLineAsync($"Created user {email}.");
    }

    private async Task AddMemberAsync(string[] words)
    {
        var args = CommandArguments.Parse(words, "add-member EMAIL TENANT --role admin|member|reader", valueOptions: ["--role"]);
        var email = args.Positional(0, "EMAIL");
        var tenantKey = args.Positional(1, "TENANT");
        args.NoMorePositionalsThan(2);
        var role = args.Value("--role") ?? throw args.Usage("missing --role");
        role = role.Trim().ToLowerInvariant();
        if (!TenantRoles.IsValid(role))
        {
            throw new CommandFailure($"'{args.Value("--role")}' is not a tenant role (admin, member or reader)");
        }

        await using var db = await OpenDatabaseAsync();
        var user = await FindUserAsync(db, email);
        var tenant = await FindTenantAsync(db, tenantKey);
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == user.Id && m.TenantId == tenant.Id);
        var now = Now();
        if (membership is null)
        {
            membership = new Membership { UserId = user.Id, TenantId = tenant.Id, Role = role, CreatedAt = now };
            db.Memberships.Add(membership);
            db.AuditEntries.Add(CliAudit.Entry(now, "create", "membership", user.Id, tenant.Id, null,
                MembershipJson(user.Email, tenant, role)));
            await stderr.WriteLineAsync($"Added {user.Email} to tenant '{tenant.Name}' as {role}.");
        }
        else if (membership.Role != role)
        {
            db.AuditEntries.Add(CliAudit.Entry(now, "update", "membership", user.Id, tenant.Id,
                MembershipJson(user.Email, tenant, membership.Role), MembershipJson(user.Email, tenant, role)));
            membership.Role = role;
            await stderr.WriteLineAsync($"{user.Email} is now {role} in tenant '{tenant.Name}'.");
        }
        else
        {
            await stderr.WriteLineAsync($"{user.Email} is already {role} in tenant '{tenant.Name}'; nothing changed.");
            return;
        }
        await db.SaveChangesAsync();
    }

    private Task GrantAsync(string[] words) => ChangeGlobalRoleAsync(words, grant: true);

    private Task RevokeAsync(string[] words) => ChangeGlobalRoleAsync(words, grant: false);

    private async Task ChangeGlobalRoleAsync(string[] words, bool grant)
    {
        var verb = grant ? "grant" : "revoke";
        var args = CommandArguments.Parse(words, $"{verb} EMAIL CloudAdmin|Auditor");
        var email = args.Positional(0, "EMAIL");
        var given = args.Positional(1, "ROLE");
        args.NoMorePositionalsThan(2);
        var role = TenantRoles.Global.FirstOrDefault(r => string.Equals(r, given, StringComparison.OrdinalIgnoreCase))
            ?? throw new CommandFailure($"'{given}' is not a global role (CloudAdmin or Auditor)");

        await EnsureDatabaseAsync();
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var user = await users.FindByEmailAsync(email) ?? throw new CommandFailure($"there is no user with email '{email}'");

        if (grant && !await roles.RoleExistsAsync(role))
        {
            Check(await roles.CreateAsync(new IdentityRole(role)), $"the role {role} could not be created");
        }
        var holds = await roles.RoleExistsAsync(role) && await users.IsInRoleAsync(user, role);
        if (holds == grant)
        {
            await stderr.WriteLineAsync(grant
                ? $"{email} already holds {role}; nothing changed."
                : $"{email} does not hold {role}; nothing changed.");
            return;
        }

        var roleJson = new { user_id = user.Id, email = user.Email, role };
        if (grant)
        {
            Check(await users.AddToRoleAsync(user, role), $"{role} could not be granted");
            await WriteAuditAsync(CliAudit.Entry(Now(), "create", "role", user.Id, null, null, roleJson));
            await stderr.WriteLineAsync($"Granted {role} to {email}.");
        }
        else
        {
            Check(await users.RemoveFromRoleAsync(user, role), $"{role} could not be revoked");
            await WriteAuditAsync(CliAudit.Entry(Now(), "delete", "role", user.Id, null, roleJson, null));
            await stderr.WriteLineAsync($"Revoked {role} from {email}.");
        }
    }

    private async Task IssueTokenAsync(string[] words)
    {
        var args = CommandArguments.Parse(words, "issue-token EMAIL TENANT [--name N] [--expires DAYS]",
            valueOptions: ["--name", "--expires"]);
        var email = args.Positional(0, "EMAIL");
        var tenantKey = args.Positional(1, "TENANT");
        args.NoMorePositionalsThan(2);
        var name = args.Value("--name") ?? "cli";
        DateTime? expiresAt = null;
        if (args.Value("--expires") is { } days)
        {
            if (!int.TryParse(days, out var count) || count < 1 || count > 3650)
            {
                throw new CommandFailure($"--expires takes a whole number of days from 1 to 3650, not '{days}'");
            }
            expiresAt = Now().AddDays(count);
        }

        string userId;
        string userEmail;
        Tenant tenant;
        await using (var db = await OpenDatabaseAsync())
        {
            var user = await FindUserAsync(db, email);
            (userId, userEmail) = (user.Id, user.Email ?? email);
            tenant = await FindTenantAsync(db, tenantKey);
        }

        var tokens = services.GetRequiredService<ApiTokenService>();
        var issued = await tokens.IssueAsync(userId, tenant.Id, name, expiresAt);
        var token = issued.Token;
        await WriteAuditAsync(CliAudit.Entry(Now(), "create", "api_token", token.Id, tenant.Id, null,
            new { id = token.Id, name = token.Name, user_id = userId, email = userEmail, tenant_id = tenant.Id, expires_at = token.ExpiresAt }));

        var expiry = token.ExpiresAt is { } e ? $"expires {e:yyyy-MM-dd HH:mm} UTC" : "never expires";
        await stderr.WriteLineAsync($"Issued token '{token.Name}' (id {token.Id}) for {userEmail} in tenant '{tenant.Name}'; it {expiry}. It is shown once.");
        await stdout.WriteLineAsync(issued.Secret);
    }

    private async Task ListTenantsAsync(string[] words)
    {
        var args = CommandArguments.Parse(words, "list-tenants");
        args.NoMorePositionalsThan(0);

        await using var db = await OpenDatabaseAsync();
        var tenants = await db.Tenants.AsNoTracking()
            .OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Name, Members = t.Memberships.Count, t.SecurityGroupQuota, t.SecurityGroupRuleQuota })
            .ToListAsync();

        await stdout.WriteAsync(TextTable.Render(
            ["ID", "NAME", "MEMBERS", "GROUP QUOTA", "RULE QUOTA"],
            tenants.Select(t => (IReadOnlyList<string>)
                [t.Id, t.Name, t.Members.ToString(), Quota(t.SecurityGroupQuota), Quota(t.SecurityGroupRuleQuota)])));
    }

    private async Task ListUsersAsync(string[] words)
    {
        var args = CommandArguments.Parse(words, "list-users");
        args.NoMorePositionalsThan(0);

        await using var db = await OpenDatabaseAsync();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).Select(u => new { u.Id, u.Email }).ToListAsync();
        var globalRoles = await (from userRole in db.UserRoles
                                 join role in db.Roles on userRole.RoleId equals role.Id
                                 select new { userRole.UserId, role.Name }).ToListAsync();
        var memberships = await db.Memberships.AsNoTracking()
            .Select(m => new { m.UserId, Tenant = m.Tenant!.Name, m.Role })
            .ToListAsync();

        await stdout.WriteAsync(TextTable.Render(
            ["EMAIL", "GLOBAL ROLES", "MEMBERSHIPS"],
            users.Select(u => (IReadOnlyList<string>)
            [
                u.Email ?? "",
                Joined(globalRoles.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "").Order(StringComparer.Ordinal)),
                Joined(memberships.Where(m => m.UserId == u.Id).OrderBy(m => m.Tenant, StringComparer.Ordinal).Select(m => $"{m.Tenant}:{m.Role}")),
            ])));
    }

    private async Task EnsureDatabaseAsync()
    {
        if (!databaseReady)
        {
            await DatabaseStartup.MigrateAsync(dbFactory);
            databaseReady = true;
        }
    }

    private async Task<AppDbContext> OpenDatabaseAsync()
    {
        await EnsureDatabaseAsync();
        return await dbFactory.CreateDbContextAsync();
    }

    private async Task WriteAuditAsync(Data.Audit.AuditEntry entry)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync();
    }

    private static async Task<ApplicationUser> FindUserAsync(AppDbContext db, string email)
    {
        var normalized = email.Normalize().ToUpperInvariant(); // as Identity's UpperInvariantLookupNormalizer
        return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized)
            ?? throw new CommandFailure($"there is no user with email '{email}'");
    }

    /// <summary>A tenant by id first, then by name.</summary>
    private static async Task<Tenant> FindTenantAsync(AppDbContext db, string nameOrId) =>
        await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Id == nameOrId)
        ?? await db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.Name == nameOrId)
        ?? throw new CommandFailure($"there is no tenant with name or id '{nameOrId}'");

    private DateTime Now() => time.GetUtcNow().UtcDateTime;

    private static object TenantJson(Tenant t) => new
    {
        id = t.Id,
        name = t.Name,
        security_group_quota = t.SecurityGroupQuota,
        security_group_rule_quota = t.SecurityGroupRuleQuota,
    };

    private static object MembershipJson(string? email, Tenant tenant, string role) =>
        new { email, tenant_id = tenant.Id, tenant_name = tenant.Name, role };

    private static string Quota(int quota) => quota < 0 ? "unlimited" : quota.ToString();

    private static string Joined(IEnumerable<string> items)
    {
        var text = string.Join(", ", items);
        return text.Length == 0 ? "-" : text;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new CommandFailure($"{what}: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
