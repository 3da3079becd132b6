using System.Collections.Concurrent;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecGroupAdmin.Data;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.E2E;

/// <summary>
/// The group page's first screen in Chromium, on its own app whose every SQL command is recorded: the rows are in
/// the prerendered DOM, the circuit takes over without ever emptying the rows, and it does not read the rules again
/// (the whole load sends exactly the rule reads the prerendering alone sends).
/// </summary>
public sealed class GroupFirstPaintTests : IAsyncLifetime
{
    private const int RuleCount = 300;

    // Runs before any page script. At every animation frame and, from the first frame on, after every batch of DOM
    // changes it looks at the rule rows a person can see: in #rules-grid, with text, laid out with a size, not hidden,
    // inside the viewport. Once there were some, there must always be some (none for a moment is a flash) and the top one must stay the first
    // rule shown. Also counts the rows in the DOM when the prerendered document is parsed.
    private const string RowWatcher = """
        (() => {
          const seen = { rows: false, emptied: false, moved: false, atDomContentLoaded: -1, frames: 0 };
          window.__firstPaint = seen;
          const inDom = () => document.querySelectorAll('#rules-grid tbody tr .rule-sentence');
          const visible = () => [...inDom()].filter(e => {
            if (!e.textContent.trim()) return false;
            const r = e.getBoundingClientRect();
            return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight
              && e.checkVisibility({ visibilityProperty: true, opacityProperty: true });
          });
          const describe = () => (document.querySelector('.first-paint-pending') ? 'pending' : 'live')
            + ' grid=' + !!document.querySelector('#rules-grid') + ' loading=' + document.querySelectorAll('.rule-loading').length
            + ' sentences=' + inDom().length + ' trs=' + document.querySelectorAll('#rules-grid tbody tr').length
            + (document.querySelector("#app-ready[data-interactive='true']") ? ' interactive' : '');
          const check = why => {
            const rows = visible();
            if (rows.length > 0) {
              const r = rows[0].getBoundingClientRect();
              const top = rows[0].textContent.trim() + ' at ' + Math.round(r.top) + ', ' + Math.round(r.height) + ' px high';
              if (!seen.rows) { seen.rows = true; seen.top = top; }
              else if (top !== seen.top && !seen.moved) { seen.moved = true; seen.movedTo = why + ': ' + top + ', was ' + seen.top + ' (' + describe() + ')'; }
            } else if (seen.rows && !seen.emptied) {
              seen.emptied = true; seen.when = why + ': ' + describe();
            }
          };
          // Rows are looked at from the first frame on: before it the parser may have put them in the DOM while the
          // stylesheets (render-blocking) are still on their way, a layout the browser never paints.
          let painted = false;
          new MutationObserver(() => { if (painted) check('dom'); }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
          const frame = () => { painted = true; seen.frames++; check('frame'); requestAnimationFrame(frame); };
          requestAnimationFrame(frame);
          document.addEventListener('DOMContentLoaded', () => { seen.atDomContentLoaded = inDom().length; if (painted) check('dcl'); });
        })();
        """;

    private readonly ConcurrentQueue<string> commands = new();
    private TestAppHost host = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public async Task InitializeAsync()
    {
        host = TestAppHost.Start(new TestAppOptions
        {
            Configure = web => web.ConfigureTestServices(services =>
                services.AddSingleton<IDbContextFactory<AppDbContext>>(sp =>
                    new RecordingDbContextFactory(sp.GetRequiredService<DbContextOptions<AppDbContext>>(), commands))),
        });
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await host.DisposeAsync();
    }

    /// <summary>Commands that read the rules table (the group with its rules, a window of rules, the quota's count).</summary>
    /// <summary>
    /// Reads of the group's rules for the page's rows. Not counted: the analysis of the whole group the page starts once
    /// it is interactive (redundant rules, #17; tagged in its SQL), and "Where used" counting other groups' rules that
    /// name this one as remote (a parameter compared with RemoteGroupId).
    /// </summary>
    private int RuleReads() => commands.Count(c => c.Contains("\"SecurityGroupRules\"", StringComparison.Ordinal)
        && !c.Contains("-- " + SecGroupAdmin.Web.Analysis.AnalysisModelLoader.RulesTag, StringComparison.Ordinal)
        && !c.Contains("\"RemoteGroupId\" = @", StringComparison.Ordinal));

    [Theory]
    [InlineData(1366, 800)]
    [InlineData(390, 844)]
    public async Task Circuit_takes_over_the_prerendered_rows_without_emptying_them_or_reading_them_again(int width, int height)
    {
        await host.People.TenantAsync("paint", ruleQuota: -1);
        var user = await host.People.PersonAsync("paint@paint.test", Role.Member, "paint");
        var caller = await host.People.CallerAsync(user, "paint");
        var service = host.Services.GetRequiredService<SecurityGroupService>();
        var group = await service.CreateGroupAsync(caller, GroupCreateRequest.FromForm("big", "many rules", startEmpty: true));
        await service.CreateRulesAsync(caller, [.. Enumerable.Range(0, RuleCount)
            .Select(i => RuleInput.FromForm(group.Id, "ingress", "IPv4", "tcp", 20_000 + i, 20_000 + i, "10.0.0.0/8", null, $"rule {i}"))]);
        var path = $"/t/paint/groups/{group.Id}";

        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = host.BaseUrl,
        });
        var page = await context.NewPageAsync();
        await AppFixture.SignInAsync(page, "paint@paint.test", PeopleSeeder.Password);

        // The prerendering alone (the same request, with the browser's cookie, no circuit).
        commands.Clear();
        var prerendered = await context.APIRequest.GetAsync(path);
        Assert.Contains("20000/tcp", await prerendered.TextAsync(), StringComparison.Ordinal);
        var prerenderReads = RuleReads();
        Assert.True(prerenderReads > 0);

        // The whole load: prerendered page, circuit, live grid in place of the first screen.
        await context.AddInitScriptAsync(RowWatcher);
        commands.Clear();
        await page.GotoAsync(path);
        await AppFixture.WaitForInteractiveAsync(page);
        await AppFixture.WaitForLiveGridAsync(page);
        await Assertions.Expect(page.Locator("#rules-grid .rule-sentence").First).ToContainTextAsync("20000/tcp");
        // The live grid settles (its virtualisation measures itself and may draw again): watch 30 more frames.
        await page.WaitForFunctionAsync("n => window.__firstPaint.frames > n",
            await page.EvaluateAsync<int>("() => window.__firstPaint.frames + 30"));
        await Assertions.Expect(page.Locator("#rule-tabs")).ToContainTextAsync($"Ingress ({RuleCount})");

        var seen = await page.EvaluateAsync<Dictionary<string, object>>("() => window.__firstPaint");
        Assert.True(Convert.ToInt32(seen["atDomContentLoaded"], System.Globalization.CultureInfo.InvariantCulture) > 0, "rows in the prerendered DOM");
        Assert.Equal(true, seen["rows"]);
        Assert.Equal(prerenderReads, RuleReads());
        Assert.True(seen["emptied"] is false, $"the rule rows went away after they were shown: {seen.GetValueOrDefault("when")}");
        Assert.True(seen["moved"] is false, $"the top rule row changed during the takeover: {seen.GetValueOrDefault("movedTo")}");

        // Past the first screen the grid reads the rules itself. Scrolled to the end as a person does, again while the
        // end moves: the grid's scroll height is an estimate (ItemSize, 44 px a row) until it has drawn rows far from
        // the top, and a phone's stacked rows are ~260 px high, so the first jump to the end lands mid-list once the
        // grid has measured them (scroll height 17,108 px before, 78,328 px after, at 390 px).
        await page.WaitForFunctionAsync("""
            () => {
              const c = document.querySelector('#rules-grid .mud-table-container');
              c.scrollTop = c.scrollHeight;
              return [...document.querySelectorAll('#rules-grid .rule-sentence')].some(e => e.textContent.includes('20299/tcp'));
            }
            """, null, new() { PollingInterval = 250, Timeout = 20000 });
        Assert.True(RuleReads() > prerenderReads);
    }
}
