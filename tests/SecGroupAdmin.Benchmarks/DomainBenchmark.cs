using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Benchmarks;

/// <summary>
/// The domain suite: validating the typical rule (tcp 22–22 from 10.0.0.0/8, IPv4), building and
/// comparing duplicate keys, and printing the storage key. A plain single-threaded Stopwatch loop
/// (warm-up, then 5 rounds) reporting the median operations per second and bytes allocated per operation.
/// </summary>
[MemoryDiagnoser]
public class DomainBenchmark
{
    private const int Rounds = 5;
    private const int Iterations = 2_000_000;
    private const double TargetValidationsPerSecond = 1_000_000;
    private const double TargetValidationBytesPerOp = 64;

    private readonly RuleInput input = TypicalInput();
    private readonly NormalizedRule rule;
    private readonly RuleKey existingKey;

    public DomainBenchmark()
    {
        rule = RuleValidator.Validate(input).Rule;
        existingKey = RuleKey.For(rule with { Protocol = "6" });
    }

    public static RuleInput TypicalInput() => new()
    {
        SecurityGroupId = InputValue.FromString("b721a55e-6622-4e7e-9150-89be80606909"),
        Direction = InputValue.FromString("ingress"),
        Ethertype = InputValue.FromString("IPv4"),
        Protocol = InputValue.FromString("tcp"),
        PortRangeMin = InputValue.FromInteger(22),
        PortRangeMax = InputValue.FromInteger(22),
        RemoteIpPrefix = InputValue.FromString("10.0.0.0/8"),
    };

    [Benchmark]
    public bool Validate() => RuleValidator.Validate(input).IsValid;

    [Benchmark]
    public bool KeyForAndEquals() => RuleKey.For(rule).Equals(existingKey);

    [Benchmark]
    public string StorageString() => RuleKey.For(rule).ToStorageString();

    public static int Run(string[] args)
    {
        if (args.Contains("--bdn"))
        {
            BenchmarkRunner.Run<DomainBenchmark>();
            return 0;
        }

        var benchmark = new DomainBenchmark();
        if (!benchmark.Validate() || !benchmark.KeyForAndEquals())
        {
            Console.WriteLine("FAIL: the typical rule does not validate, or tcp and \"6\" keys differ");
            return 1;
        }

        Console.WriteLine($"Domain benchmark: {Rounds} rounds x {Iterations:N0} iterations, single thread, median of rounds");
        Console.WriteLine($"{"operation",-40} {"ops/s",15} {"bytes/op",10}");
        var validation = Measure("RuleValidator.Validate (tcp 22 10.0.0.0/8)", benchmark.Validate);
        Measure("RuleKey.For + Equals", benchmark.KeyForAndEquals);
        Measure("RuleKey.ToStorageString", () => benchmark.StorageString().Length > 0);

        bool pass = validation.OpsPerSecond >= TargetValidationsPerSecond
            && validation.BytesPerOp <= TargetValidationBytesPerOp;
        Console.WriteLine(
            $"{(pass ? "PASS" : "FAIL")}: validation {validation.OpsPerSecond:N0}/s (target >= {TargetValidationsPerSecond:N0}/s), " +
            $"{validation.BytesPerOp:F1} bytes/op (target <= {TargetValidationBytesPerOp})");
        return pass ? 0 : 1;
    }

    private static (double OpsPerSecond, double BytesPerOp) Measure(string name, Func<bool> operation)
    {
        // Warm-up: lets tiered compilation reach the optimised code.
        for (int i = 0; i < 500_000; i++)
        {
            operation();
        }

        var opsPerSecond = new double[Rounds];
        var bytesPerOp = new double[Rounds];
        int sink = 0;
        for (int round = 0; round < Rounds; round++)
        {
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < Iterations; i++)
            {
                if (operation())
                {
                    sink++;
                }
            }
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            opsPerSecond[round] = Iterations / seconds;
            bytesPerOp[round] = (double)allocated / Iterations;
        }
        GC.KeepAlive(sink);

        Array.Sort(opsPerSecond);
        Array.Sort(bytesPerOp);
        var result = (opsPerSecond[Rounds / 2], bytesPerOp[Rounds / 2]);
        Console.WriteLine($"{name,-40} {result.Item1,15:N0} {result.Item2,10:F1}");
        return result;
    }
}
