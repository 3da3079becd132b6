using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Hosting;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Writes;

namespace SecGroupAdmin.Benchmarks;

/// <summary>
/// The writers suite: PostgreSQL writer locks per tenant (<see cref="WriterLocks"/>). 8 concurrent writers, each
/// creating rules one by one through <see cref="SecurityGroupService.CreateRuleAsync"/>, either on 8 tenants (one
/// each) or all on one tenant, on a real PostgreSQL (<see cref="PostgresTestServer"/>). Prints throughput and the lock
/// wait of each write, read from the app's own histogram <c>secgroupadmin.writes.lock_wait</c>.
/// </summary>
public static class WriterLockBenchmark
{
    private const int Writers = 8;
    private const int WarmUpPerWriter = 100;

    public static async Task<int> Run(string[] args)
    {
        var perWriter = args.Length > 1 && args[0] == "--writes" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 250;
        await using var server = await PostgresTestServer.StartAsync();
        return await MeasureAsync(server, perWriter) ? 0 : 1;
    }

    /// <summary>
    /// Runs both scenarios on a fresh database of <paramref name="server"/> and prints them; true when writers on
    /// different tenants did not wait on each other: their median lock wait is under half the one-tenant median
    /// (where every writer queues behind the others), i.e. the wait is the round trip, not a queue.
    /// </summary>
    public static async Task<bool> MeasureAsync(PostgresTestServer server, int perWriter)
    {
        perWriter = Math.Clamp(perWriter, 1, 400);
        var connectionString = await server.CreateDatabaseAsync();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSecGroupAdminCore(new DatabaseSettings(DatabaseProvider.PostgreSql, connectionString), new ConfigurationBuilder().Build());
        await using var provider = services.BuildServiceProvider();
        var tenants = Enumerable.Range(0, Writers).Select(_ => Tenant.NewId()).ToArray();
        await using (var db = await provider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
            db.Tenants.AddRange(tenants.Select((t, i) => new Tenant { Id = t, Name = $"bench-{i}", SecurityGroupQuota = -1, SecurityGroupRuleQuota = 100_000 }));
            await db.SaveChangesAsync();
        }
        var service = provider.GetRequiredService<SecurityGroupService>();
        Caller CallerOf(string tenant) => new("bench", "bench", tenant, TenantRoles.Member, false, false, ChangeSource.API);
        var groups = new string[Writers];
        for (var i = 0; i < Writers; i++)
        {
            groups[i] = (await service.CreateGroupAsync(CallerOf(tenants[i]), GroupCreateRequest.FromForm("bench", null, startEmpty: true))).Id;
        }

        var waits = new ConcurrentBag<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == WriterLockMetrics.LockWaitName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => waits.Add(value));
        listener.Start();

        // Each writer w writes to the group of tenant target(w), ports from a range of its own.
        async Task<double> RunAsync(Func<int, int> target, int writes, int portBase)
        {
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                var t = target(w);
                for (var i = 0; i < writes; i++)
                {
                    var port = portBase + w * 400 + i + 1;
                    await service.CreateRuleAsync(CallerOf(tenants[t]), RuleInput.FromForm(groups[t], "ingress", "IPv4", "tcp", port, port, null, null, null));
                }
            })));
            return Stopwatch.GetElapsedTime(started).TotalSeconds;
        }

        await RunAsync(w => w, WarmUpPerWriter, 0);
        await RunAsync(_ => 0, WarmUpPerWriter, 4_000);
        Console.WriteLine($"Writers benchmark: PostgreSQL, {Writers} concurrent writers x {perWriter} rule creates each (CreateRuleAsync, sequential per writer);");
        Console.WriteLine($"lock wait = time in the writer-lock statement (app histogram {WriterLockMetrics.LockWaitName}); machine load: {LoadAverage()}");
        Console.WriteLine($"{"scenario",-28} {"writes/s",10} {"wait median ms",15} {"wait p95 ms",12}");
        var rows = new List<(string Name, double Rate, double Median, double P95)>();
        foreach (var (name, target, portBase) in new (string, Func<int, int>, int)[] { ("8 writers on 8 tenants", w => w, 8_000), ("8 writers on 1 tenant", _ => 0, 12_000) })
        {
            waits.Clear();
            var seconds = await RunAsync(target, perWriter, portBase);
            var sorted = waits.Order().ToArray();
            var row = (name, Writers * perWriter / seconds, sorted[sorted.Length / 2], sorted[(int)Math.Ceiling(sorted.Length * 0.95) - 1]);
            rows.Add(row);
            Console.WriteLine($"{row.name,-28} {row.Item2,10:F0} {row.Item3,15:F3} {row.Item4,12:F3}");
        }
        Console.WriteLine($"8 tenants vs 1 tenant: {rows[0].Rate / rows[1].Rate:F2}x the throughput; machine load after: {LoadAverage()}");
        return BenchHost.Report(rows[0].Median < rows[1].Median / 2,
            $"writers on 8 tenants: lock wait median {rows[0].Median:F2} ms vs {rows[1].Median:F2} ms on one tenant (target: under half, no queue across tenants)");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
