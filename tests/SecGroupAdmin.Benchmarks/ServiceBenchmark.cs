using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Hosting;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.Benchmarks;

/// <summary>
/// The service suite: <see cref="SecurityGroupService.CreateRuleAsync"/> end to end (validation, policy, quota,
/// duplicate check, insert, audit, events, commit) over a real SQLite FILE database in WAL mode, migrated,
/// configured exactly as the app configures it. Single caller, sequential; per-call Stopwatch.
/// </summary>
public static class ServiceBenchmark
{
    private const int Creates = 200;
    /// <summary>
    /// Enough calls for the JIT to finish tiering up the whole path (EF Core's assemblies are not precompiled): with
    /// 300 the median was still 2.0 ms, with 3,000 it is the steady state a running server has.
    /// </summary>
    private const int WarmUpCreates = 3_000;
    /// <summary>A finite quota, so that every create pays for counting the project's rules, as a real tenant does.</summary>
    private const int RuleQuota = 100_000;
    private const int Fill = 2_000;
    private const int BulkSize = 1_000;
    private const int BulkRounds = 5;
    private const double TargetMedianMs = 1.0;
    private const double TargetGrowth = 1.5;
    private const double TargetBulkMs = 300;

    public static async Task<int> Run(string[] args)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sga-bench-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSecGroupAdminCore(new DatabaseSettings(DatabaseProvider.Sqlite, connectionString), new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider();
        try
        {
            var factory = provider.GetRequiredService<IDbContextFactory<AppDbContext>>();
            var tenantId = Tenant.NewId();
            await using (var db = await factory.CreateDbContextAsync())
            {
                await db.Database.MigrateAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
                db.Tenants.Add(new Tenant { Id = tenantId, Name = "bench", SecurityGroupQuota = -1, SecurityGroupRuleQuota = RuleQuota });
                await db.SaveChangesAsync();
            }
            var service = provider.GetRequiredService<SecurityGroupService>();
            var caller = new Caller("bench", "bench", tenantId, TenantRoles.Member, false, false, ChangeSource.API);

            async Task<string> NewGroup(string name) =>
                (await service.CreateGroupAsync(caller, GroupCreateRequest.FromForm(name, null, startEmpty: true))).Id;
            static RuleInput Tcp(string groupId, int port) => RuleInput.FromForm(groupId, "ingress", "IPv4", "tcp", port, port, null, null, null);

            // Warm-up: JIT tiering, EF model and query caches, context and connection pools.
            var warm = await NewGroup("warm");
            for (var p = 1; p <= WarmUpCreates; p++)
            {
                await service.CreateRuleAsync(caller, Tcp(warm, p));
            }
            await service.CreateRulesAsync(caller, [.. Enumerable.Range(1000, 200).Select(p => RuleInput.FromForm(warm, "ingress", "IPv4", "udp", p, p, null, null, null))]);

            var empty = await NewGroup("n0");
            var atZero = await MeasureCreates(service, caller, empty, 1);

            var full = await NewGroup("n2000");
            for (var start = 1; start <= Fill; start += 1_000)
            {
                await service.CreateRulesAsync(caller, [.. Enumerable.Range(start, 1_000).Select(p => Tcp(full, p))]);
            }
            var atFill = await MeasureCreates(service, caller, full, Fill + 1);

            var bulk = new double[BulkRounds];
            for (var round = 0; round < BulkRounds; round++)
            {
                var group = await NewGroup($"bulk{round}");
                var inputs = Enumerable.Range(1, BulkSize).Select(p => Tcp(group, p)).ToList();
                var started = Stopwatch.GetTimestamp();
                await service.CreateRulesAsync(caller, inputs);
                bulk[round] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            Array.Sort(bulk);
            var bulkMedian = bulk[BulkRounds / 2];

            Console.WriteLine($"Service benchmark: SecurityGroupService over SQLite (file, WAL), {Creates} sequential creates per row,");
            Console.WriteLine($"after a {WarmUpCreates:N0}-create warm-up; project quota {RuleQuota:N0}, so its rules are counted on every create");
            Console.WriteLine($"{"measurement",-44} {"median ms",10} {"p95 ms",10}");
            Console.WriteLine($"{"CreateRuleAsync, group holds N=0",-44} {atZero.Median,10:F3} {atZero.P95,10:F3}");
            Console.WriteLine($"{$"CreateRuleAsync, group holds N={Fill:N0}",-44} {atFill.Median,10:F3} {atFill.P95,10:F3}");
            Console.WriteLine($"{$"CreateRulesAsync bulk {BulkSize:N0} (median of {BulkRounds})",-44} {bulkMedian,10:F1} {bulk[^1],10:F1}");

            var pass = true;
            pass &= Report(atZero.Median < TargetMedianMs, $"median create at N=0 {atZero.Median:F3} ms (target < {TargetMedianMs} ms)");
            pass &= Report(atFill.Median < TargetMedianMs, $"median create at N={Fill} {atFill.Median:F3} ms (target < {TargetMedianMs} ms)");
            pass &= Report(atFill.Median <= atZero.Median * TargetGrowth,
                $"N={Fill} median is {atFill.Median / atZero.Median:F2}x the N=0 median (target <= {TargetGrowth}x)");
            pass &= Report(bulkMedian < TargetBulkMs, $"bulk {BulkSize} rules {bulkMedian:F1} ms (target < {TargetBulkMs} ms)");
            return pass ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    private static async Task<(double Median, double P95)> MeasureCreates(SecurityGroupService service, Caller caller, string groupId, int firstPort)
    {
        var times = new double[Creates];
        for (var i = 0; i < Creates; i++)
        {
            var input = RuleInput.FromForm(groupId, "ingress", "IPv4", "tcp", firstPort + i, firstPort + i, null, null, null);
            var started = Stopwatch.GetTimestamp();
            await service.CreateRuleAsync(caller, input);
            times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(times);
        return (times[Creates / 2], times[(int)Math.Ceiling(Creates * 0.95) - 1]);
    }

    private static bool Report(bool ok, string text)
    {
        Console.WriteLine($"{(ok ? "PASS" : "FAIL")}: {text}");
        return ok;
    }
}
