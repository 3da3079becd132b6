using System.Diagnostics;
using SecGroupAdmin.Testing;

namespace SecGroupAdmin.E2E.Cli;

/// <summary>
/// The real app (<see cref="TestAppHost"/>: Kestrel on 127.0.0.1, free port, own SQLite file) with one tenant, a member and a CloudAdmin,
/// each holding an API token; and Debian's unmodified <c>/usr/bin/openstack</c> (python3-openstackclient, installed
/// with apt-get when missing) plus openstacksdk through <c>/usr/bin/python3</c>, run as processes.
/// </summary>
public sealed class OpenStackCliFixture : IAsyncLifetime
{
    public const string OpenStack = "/usr/bin/openstack";
    public const string Python = "/usr/bin/python3";
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(120);

    private readonly string home = Path.Combine(Path.GetTempPath(), $"secgroupadmin-cli-home-{Guid.NewGuid():N}");

    public TestAppHost Host { get; private set; } = null!;
    public string BaseUrl => Host.BaseUrl;
    public string TenantId { get; private set; } = "";
    public string MemberToken { get; private set; } = "";
    public string AdminToken { get; private set; } = "";
    /// <summary>A second project and its member, that groups and address groups are shared with.</summary>
    public string OtherTenantId { get; private set; } = "";
    public string OtherMemberToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await EnsureOpenStackClientAsync();
        Directory.CreateDirectory(home);

        Host = TestAppHost.Start(new TestAppOptions { AdminEmail = "root@cli.test" });
        var people = Host.People;
        TenantId = (await people.TenantAsync("interop", groupQuota: 50, ruleQuota: 500)).Id;
        var member = await people.PersonAsync("member@cli.test", Role.Member, "interop");
        MemberToken = await people.TokenAsync(member, "interop", "member-cli");
        var cloudAdmin = await people.PersonAsync("cloudadmin@cli.test", Role.CloudAdmin);
        AdminToken = await people.TokenAsync(cloudAdmin, "interop", "cloudadmin-cli");
        OtherTenantId = (await people.TenantAsync("interop-b")).Id;
        var other = await people.PersonAsync("member-b@cli.test", Role.Member, "interop-b");
        OtherMemberToken = await people.TokenAsync(other, "interop-b", "member-b-cli");
    }

    /// <summary>
    /// Runs <c>openstack --os-auth-type admin_token --os-token T --os-endpoint URL -f json?</c> with <paramref name="args"/>.
    /// The output format is the caller's (commands without output such as delete take no <c>-f</c>).
    /// </summary>
    public Task<ProcessResult> OpenStackAsync(string? token, params string[] args) =>
        RunAsync(OpenStack, ["--os-auth-type", "admin_token", "--os-token", token ?? MemberToken, "--os-endpoint", BaseUrl, .. args], null);

    /// <summary>
    /// A HOME of its own whose <c>~/.config/openstack/clouds.yaml</c> is <paramref name="cloudsYaml"/>: what a user writes
    /// once, and all the configuration <see cref="OpenStackCloudAsync"/> and <see cref="PythonCloudAsync"/> give the clients.
    /// </summary>
    public string CloudHome(string cloudsYaml)
    {
        var cloudHome = Path.Combine(home, $"cloud-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(cloudHome, ".config", "openstack"));
        File.WriteAllText(Path.Combine(cloudHome, ".config", "openstack", "clouds.yaml"), cloudsYaml);
        return cloudHome;
    }

    /// <summary>Runs <c>openstack --os-cloud CLOUD ARGS</c> with <paramref name="cloudHome"/> as HOME (no token, no endpoint on the command line).</summary>
    public Task<ProcessResult> OpenStackCloudAsync(string cloudHome, string cloud, params string[] args) =>
        RunAsync(OpenStack, ["--os-cloud", cloud, .. args], null, cloudHome);

    /// <summary>Runs a Python script with <paramref name="cloudHome"/> as HOME; argv[1] is the cloud's name.</summary>
    public async Task<ProcessResult> PythonCloudAsync(string cloudHome, string cloud, string script)
    {
        var path = Path.Combine(cloudHome, $"script-{Guid.NewGuid():N}.py");
        await File.WriteAllTextAsync(path, script);
        return await RunAsync(Python, [path, cloud], null, cloudHome);
    }

    /// <summary>Runs a Python script (written to a temp file) with <c>/usr/bin/python3</c>; argv[1] is the endpoint, argv[2] the token.</summary>
    public async Task<ProcessResult> PythonAsync(string script, string? token = null)
    {
        var path = Path.Combine(home, $"script-{Guid.NewGuid():N}.py");
        await File.WriteAllTextAsync(path, script);
        try
        {
            return await RunAsync(Python, [path, BaseUrl, token ?? MemberToken], null);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task<ProcessResult> RunAsync(string file, string[] args, string? stdin, string? homeDirectory = null)
    {
        homeDirectory ??= home;
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
            WorkingDirectory = homeDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        // A clean environment for the client: own HOME (no clouds.yaml, caches), no OS_* settings, no proxies for loopback.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("OS_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }
        info.Environment["HOME"] = homeDirectory;
        info.Environment["NO_PROXY"] = "127.0.0.1,localhost";
        info.Environment["no_proxy"] = "127.0.0.1,localhost";
        info.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        info.Environment["PYTHONWARNINGS"] = "ignore";

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args.Where(a => !a.StartsWith("sga_", StringComparison.Ordinal) && !a.StartsWith("sgk_", StringComparison.Ordinal)))} did not finish within {ProcessTimeout.TotalSeconds} s");
        }
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Installs python3-openstackclient with apt-get when <c>/usr/bin/openstack</c> is missing (as .ci/test does).</summary>
    private static async Task EnsureOpenStackClientAsync()
    {
        if (File.Exists(OpenStack))
        {
            return;
        }
        var sudo = Environment.UserName == "root" ? "" : "sudo ";
        var info = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList =
            {
                "-c",
                $"{sudo}apt-get -o DPkg::Lock::Timeout=600 update -qq && DEBIAN_FRONTEND=noninteractive {sudo}apt-get -o DPkg::Lock::Timeout=600 install -y -qq python3-openstackclient",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0 || !File.Exists(OpenStack))
        {
            throw new InvalidOperationException($"{OpenStack} is missing and apt-get install python3-openstackclient failed:\n{await stdout}\n{await stderr}");
        }
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
        try { Directory.Delete(home, recursive: true); } catch (IOException) { }
    }
}

/// <summary>What a client process printed and how it exited.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";

    public System.Text.Json.Nodes.JsonNode Json()
    {
        if (ExitCode != 0)
        {
            throw new Xunit.Sdk.XunitException("client failed: " + this);
        }
        return System.Text.Json.Nodes.JsonNode.Parse(Stdout) ?? throw new Xunit.Sdk.XunitException("no JSON: " + this);
    }
}
