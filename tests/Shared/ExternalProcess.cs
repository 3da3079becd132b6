using System.Diagnostics;
using System.Text;

namespace SecGroupAdmin.Testing;

/// <summary>Small helpers to run Debian's server binaries from tests: commands with bounded waits, free ports, apt.</summary>
public static class ExternalProcess
{
    public static bool IsRoot => Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root";

    /// <summary>Runs a command to completion (bounded), returning its output; throws with the output when it fails.</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, string? runAs = null)
    {
        var start = new ProcessStartInfo
        {
            FileName = runAs is null ? file : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAs is not null)
        {
            foreach (var a in new[] { "-u", runAs, "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout}");
        }
        output.Append(await stdout).Append(await stderr);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {output}");
        }
        return output.ToString();
    }

    /// <summary>Installs Debian packages when a test needs them (as root, or with sudo).</summary>
    public static async Task AptInstallAsync(params string[] packages)
    {
        var sudo = IsRoot ? null : "sudo";
        var env = new[] { "DEBIAN_FRONTEND=noninteractive" };
        await RunAsync(sudo ?? "env", [.. (sudo is null ? env : ["env", .. env]), "apt-get", "update", "-qq"], TimeSpan.FromMinutes(5));
        await RunAsync(sudo ?? "env", [.. (sudo is null ? env : ["env", .. env]), "apt-get", "install", "-y", "-qq", .. packages], TimeSpan.FromMinutes(10));
    }

    /// <summary>Polls <paramref name="ready"/> until it is true, for at most <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> ready, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(25);
        while (true)
        {
            if (await ready())
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} was not ready within {timeout}");
            }
            await Task.Delay(delay);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
        }
    }

    public static void DeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: left in the temp folder.
        }
    }
}
