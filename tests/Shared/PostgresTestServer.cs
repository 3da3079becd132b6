using Npgsql;

namespace SecGroupAdmin.Testing;

/// <summary>
/// A real PostgreSQL server for tests, from Debian's packages (installed with apt-get when missing): a fresh cluster in a
/// temp folder, on 127.0.0.1 and a free port, trust authentication, run as the current user or, as root, as the
/// <c>postgres</c> user via <c>runuser</c>. Disposing stops it (fast shutdown, bounded) and deletes the folder.
/// With <c>SGA_TEST_POSTGRES</c> set (an Npgsql connection string of a superuser), that server is used instead.
/// </summary>
public sealed class PostgresTestServer : IAsyncDisposable
{
    public const string ExternalServerVariable = "SGA_TEST_POSTGRES";

    private readonly string? directory;
    private readonly string? binDirectory;
    private readonly string? runAs;

    private string? startOptions;

    private PostgresTestServer(string adminConnectionString, string? directory, string? binDirectory, string? runAs)
    {
        AdminConnectionString = adminConnectionString;
        this.directory = directory;
        this.binDirectory = binDirectory;
        this.runAs = runAs;
    }

    /// <summary>Connects as the superuser to the <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; }

    private static readonly Lazy<Task<PostgresTestServer>> Shared = new(async () =>
    {
        var server = await StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(30));
        return server;
    });

    /// <summary>One server for the whole test process, started on first use and stopped when the process exits.</summary>
    public static Task<PostgresTestServer> SharedAsync() => Shared.Value;

    public static async Task<PostgresTestServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(ExternalServerVariable) is { Length: > 0 } external)
        {
            return new PostgresTestServer(external, null, null, null);
        }

        var bin = FindBinDirectory();
        if (bin is null)
        {
            await ExternalProcess.AptInstallAsync("postgresql");
            bin = FindBinDirectory() ?? throw new InvalidOperationException("postgresql is installed but no /usr/lib/postgresql/*/bin/initdb was found");
        }
        RemoveStaleClusters();
        var runAs = ExternalProcess.IsRoot ? "postgres" : null;
        var directory = Path.Combine(Path.GetTempPath(), "sga-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        try
        {
            if (runAs is not null)
            {
                await ExternalProcess.RunAsync("chown", [$"{runAs}:", directory], TimeSpan.FromSeconds(10));
            }
            var data = Path.Combine(directory, "data");
            await ExternalProcess.RunAsync(Path.Combine(bin, "initdb"),
                ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], TimeSpan.FromMinutes(2), runAs);

            // A free port can be taken between probing and binding: try a few.
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort.Next();
                var options = $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
                              "-c full_page_writes=off -c max_connections=300";
                try
                {
                    await ExternalProcess.RunAsync(Path.Combine(bin, "pg_ctl"),
                        ["-D", data, "-o", options, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "start"],
                        TimeSpan.FromSeconds(90), runAs);
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                    continue;
                }
                var server = new PostgresTestServer(
                    $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false;Timeout=5", directory, bin, runAs)
                {
                    startOptions = options,
                };
                await ExternalProcess.WaitUntilAsync(server.AcceptsConnectionsAsync, TimeSpan.FromSeconds(30), "PostgreSQL");
                return server;
            }
        }
        catch
        {
            ExternalProcess.DeleteDirectory(directory);
            throw;
        }
    }

    /// <summary>
    /// Folders of earlier runs whose server is no longer running (a test process killed before it could delete its
    /// folder): no postmaster.pid and untouched for an hour, so never one that another test process is still setting up.
    /// </summary>
    private static void RemoveStaleClusters()
    {
        foreach (var stale in Directory.GetDirectories(Path.GetTempPath(), "sga-pg-*"))
        {
            if (!File.Exists(Path.Combine(stale, "data", "postmaster.pid")) &&
                Directory.GetLastWriteTimeUtc(stale) < DateTime.UtcNow.AddHours(-1))
            {
                ExternalProcess.DeleteDirectory(stale);
            }
        }
    }

    private static string? FindBinDirectory() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")) && File.Exists(Path.Combine(b, "pg_ctl")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    private async Task<bool> AcceptsConnectionsAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    /// <summary>
    /// Creates an empty database (or a copy of <paramref name="template"/>, a database nobody is connected to) and
    /// returns a connection string for it.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string? name = null, string? template = null)
    {
        name ??= "sga_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            var from = template is null ? "" : $" TEMPLATE \"{template}\"";
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{from}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, Timeout = 15 }.ToString();
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing whatever is still connected to it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Stops a server of this process (fast shutdown: open sessions are cut), keeping its data; for outage tests.</summary>
    public async Task StopAsync()
    {
        var (bin, data) = OwnServer();
        await ExternalProcess.RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"], TimeSpan.FromSeconds(45), runAs);
    }

    /// <summary>Starts a server stopped by <see cref="StopAsync"/> again, on the same port, and returns once it accepts connections.</summary>
    public async Task RestartAsync()
    {
        var (bin, data) = OwnServer();
        await ExternalProcess.RunAsync(Path.Combine(bin, "pg_ctl"),
            ["-D", data, "-o", startOptions!, "-l", Path.Combine(directory!, "server.log"), "-w", "-t", "60", "start"], TimeSpan.FromSeconds(90), runAs);
        await ExternalProcess.WaitUntilAsync(AcceptsConnectionsAsync, TimeSpan.FromSeconds(30), "PostgreSQL");
    }

    private (string Bin, string Data) OwnServer() =>
        directory is not null && binDirectory is not null && startOptions is not null
            ? (binDirectory, Path.Combine(directory, "data"))
            : throw new InvalidOperationException($"Only a server this process started can be stopped (not one named by {ExternalServerVariable}).");

    public async ValueTask DisposeAsync()
    {
        if (directory is null || binDirectory is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        try
        {
            await ExternalProcess.RunAsync(Path.Combine(binDirectory, "pg_ctl"),
                ["-D", Path.Combine(directory, "data"), "-m", "fast", "-w", "-t", "30", "stop"], TimeSpan.FromSeconds(45), runAs);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            // Already stopped, or it would not stop in time: an immediate shutdown.
            try
            {
                await ExternalProcess.RunAsync(Path.Combine(binDirectory, "pg_ctl"),
                    ["-D", Path.Combine(directory, "data"), "-m", "immediate", "-w", "-t", "15", "stop"], TimeSpan.FromSeconds(20), runAs);
            }
            catch (Exception again) when (again is InvalidOperationException or TimeoutException)
            {
            }
        }
        ExternalProcess.DeleteDirectory(directory);
    }
}
