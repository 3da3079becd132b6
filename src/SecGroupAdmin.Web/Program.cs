using SecGroupAdmin.Web.Cli;
using SecGroupAdmin.Web.Hosting;

if (AdminCommandLine.IsAdminCommand(args))
{
    return await AdminCommandLine.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(CommandLineFlags.ToConfigurationArguments(args));
builder.AddSecGroupAdmin();

var app = builder.Build();
app.UseSecGroupAdmin();

await app.PrepareDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>Entry point, public so that tests can host the real app.</summary>
public partial class Program { }
