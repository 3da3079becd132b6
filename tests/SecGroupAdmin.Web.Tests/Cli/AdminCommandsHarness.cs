using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Web.ApiTokens;
using SecGroupAdmin.Web.Cli;
using SecGroupAdmin.Web.Tests.Infrastructure;

namespace SecGroupAdmin.Web.Tests.Cli;

/// <summary>
/// The services the admin verbs use (Identity with roles, ApiTokenService, a database) over a
/// <see cref="SqliteTestDatabase"/>, and a way to run a verb with in-memory stdin, stdout and stderr.
/// </summary>
public sealed class AdminCommandsHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;

    public AdminCommandsHarness()
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        Database.AddTo(collection);
        collection.AddIdentityCore<ApplicationUser>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>();
        collection.AddSingleton(TimeProvider.System);
        collection.AddSingleton<ApiTokenService>();
        services = collection.BuildServiceProvider(validateScopes: true);
    }

    public SqliteTestDatabase Database { get; } = new();

    public IServiceProvider Services => services;

    public async Task<CliRun> RunAsync(params string[] args) => await RunWithStdinAsync("", args);

    public async Task<CliRun> RunWithStdinAsync(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await AdminCommands.RunAsync(args, new StringReader(stdin), stdout, stderr, services);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        Database.Dispose();
    }
}
