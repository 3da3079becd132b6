using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SecGroupAdmin.Web.Hosting;

namespace SecGroupAdmin.Web.Tests.Hosting;

/// <summary>Flags take no value: <c>--seed-demo</c> never swallows the argument after it (#16, 1).</summary>
public sealed class CommandLineFlagsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("secgroupadmin-flags-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("--seed-demo --urls http://127.0.0.1:5181", "--Seed:Demo=true --urls http://127.0.0.1:5181")]
    [InlineData("--urls http://127.0.0.1:5181 --seed-demo", "--urls http://127.0.0.1:5181 --Seed:Demo=true")]
    [InlineData("--urls=http://127.0.0.1:5181", "--urls=http://127.0.0.1:5181")]
    public void A_flag_becomes_its_setting_and_the_other_arguments_stay(string args, string expected) =>
        Assert.Equal(expected, string.Join(' ', CommandLineFlags.ToConfigurationArguments(args.Split(' '))));

    [Fact]
    public async Task The_program_started_with_seed_demo_before_urls_listens_where_asked_and_seeds_the_demo()
    {
        var webDll = Path.Combine(AppContext.BaseDirectory, "SecGroupAdmin.Web.dll");
        var port = FreePort.Next();
        var database = Path.Combine(directory, "flags.db");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { webDll, "--seed-demo", "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Default"] = $"Data Source={database}";
        start.Environment["Bootstrap__AdminPassword"] = "Flags-Test-Passw0rd!";

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var answered = false;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(180);
            while (!answered && !process.HasExited && DateTime.UtcNow < deadline)
            {
                try
                {
                    answered = (await http.GetAsync($"http://127.0.0.1:{port}/alive")).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(250);
                }
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            await process.WaitForExitAsync();
        }

        Assert.True(answered, $"nothing answered on the port asked for ({port}); stdout: {await stdout} stderr: {await stderr}");
        SqliteConnection.ClearAllPools();
        await using var db = new SqliteConnection($"Data Source={database}");
        await db.OpenAsync();
        await using var query = db.CreateCommand();
        query.CommandText = "SELECT COUNT(*) FROM Tenants WHERE Name = 'demo'";
        Assert.Equal(1L, (long)(await query.ExecuteScalarAsync())!);
    }
}
