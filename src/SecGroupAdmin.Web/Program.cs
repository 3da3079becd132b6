using SecGroupAdmin.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSecGroupAdmin();

var app = builder.Build();
app.UseSecGroupAdmin();

await app.PrepareDatabaseAsync();
await app.RunAsync();

/// <summary>Entry point, public so that tests can host the real app.</summary>
public partial class Program { }
