using SecGroupAdmin.Web.Hosting;

namespace SecGroupAdmin.Web.Cli;

/// <summary>
/// <c>SecGroupAdmin.Web admin VERB ...</c>: builds the app's core services as the web server does (same
/// configuration, same database resolution, <see cref="HostingExtensions.AddSecGroupAdminCore"/>) without the web
/// front, never starts the server, runs one verb and returns its exit code.
/// </summary>
public static class AdminCommandLine
{
    public static bool IsAdminCommand(string[] args) => args.Length > 0 && args[0] == "admin";

    public static async Task<int> RunAsync(string[] args)
    {
        // The verb's words are not configuration: keep them away from the command-line configuration source.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });

        // Verbs are quiet: warnings and errors only, all on stderr, so stdout is exactly the verb's result.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft"] = "Warning",
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        // The core only (services, database, Identity stores): a verb needs no web front.
        builder.Services.AddSecGroupAdminCore(
            DatabaseLocation.Resolve(builder.Configuration, builder.Environment.ContentRootPath), builder.Configuration);
        await using var app = builder.Build();
        return await AdminCommands.RunAsync(args[1..], Console.In, Console.Out, Console.Error, app.Services);
    }
}
