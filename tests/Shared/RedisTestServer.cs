using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace SecGroupAdmin.Testing;

/// <summary>
/// A real redis-server for tests, from Debian's package (installed with apt-get when missing): a child process on
/// 127.0.0.1 and a free port, no persistence, working folder in temp. Disposing kills it (that process only) and
/// deletes the folder.
/// </summary>
public sealed class RedisTestServer : IAsyncDisposable
{
    private readonly string directory;
    private Process process;
    private string binary = "";
    private StringBuilder log = new();

    private RedisTestServer(Process process, string directory, int port)
    {
        this.process = process;
        this.directory = directory;
        Port = port;
    }

    public int Port { get; }

    /// <summary>StackExchange.Redis configuration string.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisTestServer> StartAsync()
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);
        if (binary is null)
        {
            await ExternalProcess.AptInstallAsync("redis-server");
            binary = "/usr/bin/redis-server";
        }
        var directory = Path.Combine(Path.GetTempPath(), "sga-redis-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var server = new RedisTestServer(Launch(binary, directory, port, out var log), directory, port) { binary = binary, log = log };
            try
            {
                await server.WaitUntilServingAsync();
                return server;
            }
            catch (Exception) when (attempt < 3)
            {
                await server.StopProcessAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    private static Process Launch(string binary, string directory, int port, out StringBuilder log)
    {
        var start = new ProcessStartInfo
        {
            FileName = binary,
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                     "--daemonize", "no", "--dir", directory, "--protected-mode", "yes" })
        {
            start.ArgumentList.Add(a);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log = output;
        return process;
    }

    private static void Append(StringBuilder log, string? line)
    {
        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private Task WaitUntilServingAsync() => ExternalProcess.WaitUntilAsync(
        async () => process.HasExited ? throw new InvalidOperationException("redis-server exited: " + log) : await PingAsync(),
        TimeSpan.FromSeconds(30), "redis-server");

    /// <summary>Stops the server (kills its process) for outage tests; <see cref="RestartAsync"/> starts it again on the same port.</summary>
    public Task StopAsync() => StopProcessAsync();

    /// <summary>Starts a server stopped by <see cref="StopAsync"/> again, on the same port, and returns once it answers PING.</summary>
    public async Task RestartAsync()
    {
        process = Launch(binary, directory, Port, out log);
        await WaitUntilServingAsync();
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var read = await stream.ReadAsync(buffer, cts.Token);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    private async Task StopProcessAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await process.WaitForExitAsync(cts.Token);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
        }
        process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync();
        ExternalProcess.DeleteDirectory(directory);
    }
}
