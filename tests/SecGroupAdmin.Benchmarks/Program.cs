using SecGroupAdmin.Benchmarks;

// Dispatches on the first argument: one suite per layer (others add "service", "api", ...).
string suite = args.Length > 0 ? args[0] : "";
string[] rest = args.Length > 1 ? args[1..] : [];

switch (suite)
{
    case "domain":
        return DomainBenchmark.Run(rest);
    case "analysis":
        return AnalysisBenchmark.Run(rest);
    case "service":
        return await ServiceBenchmark.Run(rest);
    case "ui":
        return await UiBenchmark.Run(rest);
    case "live":
        return await LiveBenchmark.Run(rest);
    case "api":
        return await ApiBenchmark.Run(rest);
    case "writers":
        return await WriterLockBenchmark.Run(rest);
    case "scale":
        return await ScaleBenchmark.Run(rest);
    default:
        Console.WriteLine("SecGroupAdmin benchmarks");
        Console.WriteLine("usage: dotnet run -c Release --project tests/SecGroupAdmin.Benchmarks -- <suite> [options]");
        Console.WriteLine("suites:");
        Console.WriteLine("  domain         rule validation, duplicate key, storage key (Stopwatch loop, < 30 s)");
        Console.WriteLine("  domain --bdn   the same through BenchmarkDotNet with MemoryDiagnoser (slow)");
        Console.WriteLine("  analysis [--rounds 15]  what-if, findings, effective rules, exposure diff on 5 groups x 2,000 rules (< 1 min)");
        Console.WriteLine("  service        SecurityGroupService.CreateRuleAsync / bulk over SQLite (file, WAL), < 1 min");
        Console.WriteLine("  ui             Chromium: 2,000-rule group page load to interactive; server heap per circuit (--loads N --circuits N)");
        Console.WriteLine("  live           commit to screen in a second browser; 200-client hub fan-out (--changes N --clients N)");
        Console.WriteLine("  api [--reference http://127.0.0.1:9696] [--requests N]");
        Console.WriteLine("                 the real app over Kestrel and keep-alive HTTP, 1 and 8 clients; with --reference,");
        Console.WriteLine("                 the same loops against a Neutron server and a table of ratios (target >= 20x)");
        Console.WriteLine("  writers [--writes N]  PostgreSQL: 8 writers on 8 tenants vs on 1 tenant, writes/s and lock wait");
        Console.WriteLine("  scale [--sizes 10k,100k,1m] [--provider sqlite|postgresql|both] [--requests N] [--loads N] [--no-api] [--no-pages]");
        Console.WriteLine("        [--no-stream] [--reference http://127.0.0.1:9696 [--reference-seed-minutes 10]]");
        Console.WriteLine("                 bulk-seeded databases (cached under /tmp/sga-scale); API reads, streaming heap, pages per size");
        return suite.Length == 0 ? 0 : 2;
}
