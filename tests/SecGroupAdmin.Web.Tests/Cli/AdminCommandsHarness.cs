using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Data;
using SecGroupAdmin.Web.Cli;
using SecGroupAdmin.Web.Hosting;

namespace SecGroupAdmin.Web.Tests.Cli;

/// <summary>
/// The admin verbs' services as the program registers them (<see cref="HostingExtensions.AddSecGroupAdminCore"/>)
/// over a real SQLite file of its own, which the first verb migrates as the program does, and a way to run a verb
/// with in-memory stdin, stdout and stderr. The file is deleted on dispose.
/// </summary>
public sealed class AdminCommandsHarness : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"sga-cli-{Guid.NewGuid():N}.db");

    public AdminCommandsHarness()
    {
        // No pooling, so that nothing holds the file open once the provider is disposed.
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString();
        var collection = new ServiceCollection();
        collection.AddSecGroupAdminCore(new DatabaseSettings(DatabaseProvider.Sqlite, connectionString), new ConfigurationBuilder().Build());
        services = collection.BuildServiceProvider(validateScopes: true);
    }

    public IServiceProvider Services => services;

    /// <summary>A context on the verbs' database, to look at what they wrote.</summary>
    public AppDbContext CreateDbContext() => services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();

    /// <summary>Migrates the database now (a verb does it itself), for tests that change it before the first verb.</summary>
    public Task MigrateAsync() => DatabaseStartup.MigrateAsync(services);

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
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            File.Delete(file);
        }
    }
}
