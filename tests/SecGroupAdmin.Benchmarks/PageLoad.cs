using System.Text.Json;
using Microsoft.Playwright;

namespace SecGroupAdmin.Benchmarks;

/// <summary>
/// One page load's marks, ms from navigation start, recorded in the page by a script installed before any of the
/// page's own (an init script) and read over the DevTools protocol, so that nothing of Playwright's runs in the page
/// while it loads (its injected script, used by WaitForFunction and selectors, costs ~60 ms of the page's main thread
/// on this machine and would be measured as the page's):
/// <list type="bullet">
/// <item>first byte and last byte of the document, DOMContentLoaded (navigation timing); the stylesheets' last byte
///   (resource timing);</item>
/// <item>first contentful paint (paint timing);</item>
/// <item>rows visible: the first paint with a data row in it: the first contentful paint when the rows came with the
///   document, otherwise the frame after the first row was put in the DOM;</item>
/// <item>the circuit's WebSocket asked for and open;</item>
/// <item>circuit interactive (<c>#app-ready[data-interactive='true']</c>), and interactive with rows (both hold).</item>
/// </list>
/// </summary>
public sealed record PageLoad(double FirstByte, double Html, double Styles, double ContentLoaded, double FirstPaint, double RowsInDom, double RowsVisible,
    double Socket, double SocketOpen, double Interactive, double Ready)
{
    /// <summary>The marks the suites print, in page-load order, with how each is taken from a load.</summary>
    public static readonly (string Name, Func<PageLoad, double> Of)[] Marks =
    [
        ("first byte", m => m.FirstByte),
        ("document's last byte", m => m.Html),
        ("stylesheets' last byte", m => m.Styles),
        ("first contentful paint", m => m.FirstPaint),
        ("rows visible", m => m.RowsVisible),
        ("DOMContentLoaded", m => m.ContentLoaded),
        ("circuit interactive", m => m.Interactive),
        ("interactive with rows", m => m.Ready),
    ];

    private const string Recorder = """
        (rowSelector => {
          const marks = {};
          let done;
          window.__sgaLoad = new Promise(resolve => done = resolve);
          new PerformanceObserver(list => {
            for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') { marks.fcp = e.startTime; finish(); }
          }).observe({ type: 'paint', buffered: true });
          const afterPaint = () => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve)));
          const finish = () => {
            if (marks.ready === undefined || marks.fcp === undefined || marks.rowsPainted === undefined) return;
            const n = performance.getEntriesByType('navigation')[0];
            const sheets = performance.getEntriesByType('resource').filter(r => r.initiatorType === 'link' && /\.css(\?|$)/.test(r.name));
            done({ firstByte: n.responseStart, html: n.responseEnd, styles: Math.max(0, ...sheets.map(r => r.responseEnd)),
                   contentLoaded: n.domContentLoadedEventEnd, ...marks });
          };
          const check = () => {
            const now = performance.now();
            const interactive = !!document.querySelector("#app-ready[data-interactive='true']");
            const rows = !!document.querySelector(rowSelector);
            if (interactive && marks.interactive === undefined) marks.interactive = now;
            if (rows && marks.rows === undefined) {
              marks.rows = now;
              afterPaint().then(() => { marks.rowsPainted = performance.now(); finish(); });
            }
            if (interactive && rows && marks.ready === undefined) { marks.ready = now; observer.disconnect(); finish(); }
          };
          const NativeWebSocket = window.WebSocket;
          window.WebSocket = function (...a) {
            const ws = new NativeWebSocket(...a);
            if (marks.socket === undefined) marks.socket = performance.now();
            ws.addEventListener('open', () => { if (marks.socketOpen === undefined) marks.socketOpen = performance.now(); });
            return ws;
          };
          window.WebSocket.prototype = NativeWebSocket.prototype;
          Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
          const observer = new MutationObserver(check);
          observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-interactive'] });
        })
        """;

    /// <summary>Makes every page of <paramref name="context"/> record its load, a data row being <paramref name="rowSelector"/>.</summary>
    public static Task RecordAsync(IBrowserContext context, string rowSelector) =>
        context.AddInitScriptAsync($"{Recorder}({JsonSerializer.Serialize(rowSelector)});");

    /// <summary>Loads <paramref name="path"/> in a new tab of <paramref name="context"/> (see <see cref="RecordAsync"/>), waits until it is interactive with rows, and returns its marks.</summary>
    public static async Task<PageLoad> OfAsync(IBrowserContext context, string path, int timeoutMs = 60_000)
    {
        var page = await context.NewPageAsync();
        try
        {
            var cdp = await context.NewCDPSessionAsync(page);
            await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit, Timeout = timeoutMs });
            var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
            while (true)
            {
                // Null until the new document's recorder has run; then waits in the page until the load is complete.
                var reply = await cdp.SendAsync("Runtime.evaluate", new Dictionary<string, object>
                {
                    ["expression"] = "window.__sgaLoad ? window.__sgaLoad.then(m => JSON.stringify(m)) : null",
                    ["awaitPromise"] = true,
                    ["returnByValue"] = true,
                    ["timeout"] = timeoutMs,
                });
                if (reply?.GetProperty("result").TryGetProperty("value", out var value) == true && value.ValueKind == JsonValueKind.String)
                {
                    return Parse(value.GetString()!);
                }
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{path} did not become interactive with rows within {timeoutMs} ms");
                }
                await Task.Delay(20);
            }
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private static PageLoad Parse(string json)
    {
        var m = JsonDocument.Parse(json).RootElement;
        double Of(string name) => m.TryGetProperty(name, out var v) ? v.GetDouble() : -1;
        var rows = Of("rows");
        var fcp = Of("fcp");
        return new PageLoad(Of("firstByte"), Of("html"), Of("styles"), Of("contentLoaded"), fcp, rows, rows <= fcp ? fcp : Of("rowsPainted"),
            Of("socket"), Of("socketOpen"), Of("interactive"), Of("ready"));
    }
}
