using System.Diagnostics;

namespace SecGroupAdmin.Web.Tests.Cli;

/// <summary>The built program itself, run as a process, as an operator's script would run it.</summary>
public sealed class AdminCommandProcessTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("secgroupadmin-cli-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Create_tenant_prints_only_the_id_and_exits_0_without_starting_the_server()
    {
        var webDll = Path.Combine(AppContext.BaseDirectory, "SecGroupAdmin.Web.dll");
        Assert.True(File.Exists(webDll), $"expected the referenced web app beside the tests: {webDll}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { webDll, "admin", "create-tenant", "acme" },
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(directory, "cli.db")}";

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("admin create-tenant did not exit within 240 s; did it start the web server?");
        }

        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}; stderr: {await stderr}");
        Assert.Matches("^[0-9a-f]{32}\r?\n$", await stdout);
        Assert.True(File.Exists(Path.Combine(directory, "cli.db")));
    }
}
