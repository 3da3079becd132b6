using System.Text.Json;
using Microsoft.Playwright;

namespace SecGroupAdmin.Benchmarks;

/// <summary>
/// Chromium's own trace (devtools timeline: tasks, scripts, style, layout, paint) of a page between
/// <see cref="StartAsync"/> and <see cref="StopAsync"/>, written as a file that chrome://tracing and the devtools'
/// Performance panel open.
/// </summary>
internal sealed class ChromiumTrace
{
    private const string Categories =
        "devtools.timeline,blink.user_timing,loading,disabled-by-default-devtools.timeline,v8.execute";

    private readonly ICDPSession cdp;
    private readonly List<JsonElement> events = [];
    private readonly TaskCompletionSource complete = new();

    private ChromiumTrace(ICDPSession cdp)
    {
        this.cdp = cdp;
        cdp.Event("Tracing.dataCollected").OnEvent += (_, e) =>
            events.AddRange(e!.Value.GetProperty("value").EnumerateArray().Select(v => v.Clone()));
        cdp.Event("Tracing.tracingComplete").OnEvent += (_, _) => complete.TrySetResult();
    }

    public static async Task<ChromiumTrace> StartAsync(IPage page)
    {
        var trace = new ChromiumTrace(await page.Context.NewCDPSessionAsync(page));
        await trace.cdp.SendAsync("Tracing.start", new Dictionary<string, object>
        {
            ["categories"] = Categories,
            ["transferMode"] = "ReportEvents",
        });
        // The scripts' own CPU profile (sampled every 100 µs) beside the timeline: which functions the tasks ran.
        await trace.cdp.SendAsync("Profiler.enable");
        await trace.cdp.SendAsync("Profiler.setSamplingInterval", new Dictionary<string, object> { ["interval"] = 100 });
        await trace.cdp.SendAsync("Profiler.start");
        return trace;
    }

    /// <summary>Ends the trace and writes it to <paramref name="path"/>, and the scripts' CPU profile beside it (.cpuprofile).</summary>
    public async Task StopAsync(string path)
    {
        var profile = await cdp.SendAsync("Profiler.stop");
        await File.WriteAllTextAsync(Path.ChangeExtension(path, ".cpuprofile"), profile!.Value.GetProperty("profile").GetRawText());
        await cdp.SendAsync("Tracing.end");
        await complete.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { traceEvents = events }));
    }
}
