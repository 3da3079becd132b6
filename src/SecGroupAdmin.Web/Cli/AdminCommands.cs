using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.ApiTokens;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Hosting;
using SecGroupAdmin.Web.Tenancy;

namespace SecGroupAdmin.Web.Cli;

/// <summary>
/// The operator verbs behind <c>SecGroupAdmin.Web admin VERB ...</c>. stdout carries only the result (the id
/// of create-tenant, the token of issue-token, the tables of the list verbs); everything else goes to stderr.
/// Exit codes: 0 done, 1 refused (bad input, duplicate, unknown user or tenant), 2 usage (help, unknown verb,
/// missing or unknown arguments). Each verb only parses its words and calls <see cref="TenantAdministrationService"/>
/// or <see cref="ApiTokenService"/> as <see cref="Caller.SystemOperator"/> with source CLI, so it obeys the same
/// rules as the UI and every change is audited (source CLI) in the change's own transaction. A service's refusal
/// (<see cref="NeutronException"/>) is exit 1 with its message on stderr.
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
          lock-user EMAIL                                     admin lock: ends the user's tokens and sessions
          unlock-user EMAIL                                   lifts an admin lock (and a failed sign-in lockout)
          list-tenants                                        id, name, members, quotas
          list-users                                          email, global roles, memberships
          help                                                this text

        The database is the app's: ConnectionStrings:Default (environment: ConnectionStrings__Default).
        Exit codes: 0 done, 1 refused, 2 usage.
        """;

    private static readonly Caller Operator = Caller.SystemOperator(ChangeSource.CLI);

    private readonly TextReader stdin;
    private readonly TextWriter stdout;
    private readonly TextWriter stderr;
    private readonly TenantAdministrationService administration;
    private readonly ApiTokenService tokens;
    private readonly TimeProvider time;
    private readonly IServiceProvider services;

    private AdminCommands(TextReader stdin, TextWriter stdout, TextWriter stderr, IServiceProvider services)
    {
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.services = services;
        administration = services.GetRequiredService<TenantAdministrationService>();
        tokens = services.GetRequiredService<ApiTokenService>();
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
            "lock-user" => commands.LockUserAsync,
            "unlock-user" => commands.UnlockUserAsync,
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
        catch (NeutronException refusal)
        {
            await stderr.WriteLineAsync($"error: {OneLine(refusal.Message)}");
            return ExitFailure;
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
        await PrepareDatabaseAsync();
        var tenant = await administration.CreateTenantAsync(Operator, name);
        await stderr.WriteLineAsync($"Created tenant '{tenant.Name}'.");
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
        var password = await stdin.ReadLineAsync();
        if (string.IsNullOrEmpty(password))
        {
            throw new CommandFailure("no password on stdin (expected one line)");
        }
        await PrepareDatabaseAsync();
        var user = await administration.CreateUserAsync(Operator, email, password);
        await stderr.WriteLineAsync($"Created user {user.Email}.");
    }

    private async Task AddMemberAsync(string[] words)
    {
        var args = CommandArguments.Parse(words, "add-member EMAIL TENANT --role admin|member|reader", valueOptions: ["--role"]);
        var email = args.Positional(0, "EMAIL");
        var tenantKey = args.Positional(1, "TENANT");
        args.NoMorePositionalsThan(2);
        var role = args.Value("--role") ?? throw args.Usage("missing --role");
        await PrepareDatabaseAsync();
        var user = await FindUserAsync(email);
        var tenant = await FindTenantAsync(tenantKey);
        var member = (await administration.ListMembersAsync(Operator, tenant.Id)).FirstOrDefault(m => m.UserId == user.Id);
        if (member is null)
        {
            var added = await administration.AddMemberAsync(Operator, tenant.Id, user.Email, role);
            await stderr.WriteLineAsync($"Added {user.Email} to tenant '{tenant.Name}' as {added.Role}.");
        }
        else if (string.Equals(member.Role, role.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            await stderr.WriteLineAsync($"{user.Email} is already {member.Role} in tenant '{tenant.Name}'; nothing changed.");
        }
        else
        {
            var changed = await administration.ChangeMemberRoleAsync(Operator, tenant.Id, user.Id, role);
            await stderr.WriteLineAsync($"{user.Email} is now {changed.Role} in tenant '{tenant.Name}'.");
        }
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
        await PrepareDatabaseAsync();
        var user = await FindUserAsync(email);
        // An unknown role is left to the service to refuse; a known one is named as the service spells it.
        var role = TenantRoles.Global.FirstOrDefault(r => string.Equals(r, given, StringComparison.OrdinalIgnoreCase));
        if (role is not null && user.GlobalRoles.Contains(role) == grant)
        {
            await stderr.WriteLineAsync(grant
                ? $"{user.Email} already holds {role}; nothing changed."
                : $"{user.Email} does not hold {role}; nothing changed.");
            return;
        }
        if (grant)
        {
            await administration.GrantGlobalRoleAsync(Operator, user.Id, given);
            await stderr.WriteLineAsync($"Granted {role} to {user.Email}.");
        }
        else
        {
            await administration.RevokeGlobalRoleAsync(Operator, user.Id, given);
            await stderr.WriteLineAsync($"Revoked {role} from {user.Email}.");
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
        int? days = null;
        if (args.Value("--expires") is { } given)
        {
            if (!int.TryParse(given, out var count) || count < 1 || count > 3650)
            {
                throw new CommandFailure($"--expires takes a whole number of days from 1 to 3650, not '{given}'");
            }
            days = count;
        }
        await PrepareDatabaseAsync();
        var user = await FindUserAsync(email);
        var tenant = await FindTenantAsync(tenantKey);
        DateTime? expiresAt = days is { } d ? time.GetUtcNow().UtcDateTime.AddDays(d) : null;
        var issued = await tokens.IssueForUserAsync(Operator, user.Id, tenant.Id, name, expiresAt);
        var token = issued.Token;
        var expiry = token.ExpiresAt is { } e ? $"expires {e:yyyy-MM-dd HH:mm} UTC" : "never expires";
        await stderr.WriteLineAsync($"Issued token '{token.Name}' (id {token.Id}) for {user.Email} in tenant '{tenant.Name}'; it {expiry}. It is shown once.");
        await stderr.WriteLineAsync($"As an application credential in clouds.yaml: application_credential_id: {token.Id}, application_credential_secret: the token.");
        await stdout.WriteLineAsync(issued.Secret);
    }

    private Task LockUserAsync(string[] words) => SetUserLockedAsync(words, locked: true);

    private Task UnlockUserAsync(string[] words) => SetUserLockedAsync(words, locked: false);

    private async Task SetUserLockedAsync(string[] words, bool locked)
    {
        var verb = locked ? "lock-user" : "unlock-user";
        var args = CommandArguments.Parse(words, $"{verb} EMAIL");
        var email = args.Positional(0, "EMAIL");
        args.NoMorePositionalsThan(1);
        await PrepareDatabaseAsync();
        var user = await FindUserAsync(email);
        if (!await administration.SetUserLockedAsync(Operator, user.Id, locked))
        {
            await stderr.WriteLineAsync(locked
                ? $"{user.Email} is already locked; nothing changed."
                : $"{user.Email} is not locked; nothing changed.");
            return;
        }
        await stderr.WriteLineAsync(locked
            ? $"Locked {user.Email}: their API tokens stop at once, their sessions within the revalidation interval."
            : $"Unlocked {user.Email}.");
    }

    private async Task ListTenantsAsync(string[] words)
    {
        var args = CommandArguments.Parse(words, "list-tenants");
        args.NoMorePositionalsThan(0);
        await PrepareDatabaseAsync();
        var tenants = await administration.ListTenantsAsync(Operator);
        await stdout.WriteAsync(TextTable.Render(
            ["ID", "NAME", "MEMBERS", "GROUP QUOTA", "RULE QUOTA"],
            tenants.Select(t => (IReadOnlyList<string>)
                [t.Id, t.Name, t.MemberCount.ToString(CultureInfo.InvariantCulture), Quota(t.Quota.SecurityGroups), Quota(t.Quota.SecurityGroupRules)])));
    }

    private async Task ListUsersAsync(string[] words)
    {
        var args = CommandArguments.Parse(words, "list-users");
        args.NoMorePositionalsThan(0);
        await PrepareDatabaseAsync();
        var users = await administration.ListUsersAsync(Operator);
        await stdout.WriteAsync(TextTable.Render(
            ["EMAIL", "GLOBAL ROLES", "MEMBERSHIPS"],
            users.Select(u => (IReadOnlyList<string>)[u.Email, Joined(u.GlobalRoles), Joined(u.Memberships)])));
    }

    /// <summary>Applies pending migrations; a verb calls it once its words are parsed, so usage errors never touch the database.</summary>
    private Task PrepareDatabaseAsync() => DatabaseStartup.MigrateAsync(services);

    private async Task<UserOverview> FindUserAsync(string email) =>
        await administration.FindUserByEmailAsync(Operator, email)
        ?? throw new CommandFailure($"there is no user with email '{email}'");

    /// <summary>A tenant by id first, then by name.</summary>
    private async Task<TenantOverview> FindTenantAsync(string nameOrId) =>
        await administration.FindTenantAsync(Operator, nameOrId)
        ?? throw new CommandFailure($"there is no tenant with name or id '{nameOrId}'");

    private static string Quota(int quota) => quota < 0 ? "unlimited" : quota.ToString(CultureInfo.InvariantCulture);

    private static string Joined(IEnumerable<string> items)
    {
        var text = string.Join(", ", items);
        return text.Length == 0 ? "-" : text;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
