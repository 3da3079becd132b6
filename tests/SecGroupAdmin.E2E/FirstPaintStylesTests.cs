using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.E2E;

/// <summary>
/// The first paint is styled by <c>wwwroot/first-paint.css</c>, the rules of MudBlazor's stylesheet that the pages'
/// prerendered first screens use (App.razor loads the whole sheet right after the first paint). This test makes
/// sure the subset is complete: on every page, at desktop and phone size, each rule of the whole sheet that applies
/// to the prerendered page (selectors matched against the page as prerendered, before the circuit; pseudo-classes
/// and pseudo-elements dropped, so a rule counts when its element is there; every media query's rules) is in
/// first-paint.css, so nothing changes when the whole sheet arrives.
/// <para>To remake the file (after a MudBlazor update or new markup), run this test with
/// <c>SGA_WRITE_FIRST_PAINT_CSS=src/SecGroupAdmin.Web/wwwroot/first-paint.css</c> (a path from the repository's root, or
/// absolute): it writes the rules used by all the pages and every rule whose MudBlazor classes are all on one of the
/// pages (other states of what is shown), in the whole sheet's order, with every @keyframes. The test seeds audit logs
/// of more than one page, and tenants whose quota meters are near and at their limit.</para>
/// </summary>
[Collection(AppCollection.Name)]
public class FirstPaintStylesTests(AppFixture app)
{
    /// <summary>
    /// In the page: the whole sheet (fetched from the preload's address) and first-paint.css parsed as stylesheets
    /// that are not applied; answers the keys of the whole sheet's rules that apply to the page and of the rules of
    /// first-paint.css. A key is a style rule's text, inside "@media (condition){…}" when it is in one.
    /// </summary>
    private const string UsedRules = """
        async () => {
          const parse = async href => { const sheet = new CSSStyleSheet(); sheet.replaceSync(await (await fetch(href)).text()); return sheet; };
          const simple = s => s.replace(/::?(before|after|placeholder|selection|marker|backdrop|first-letter|first-line|-webkit-[a-z-]+|-moz-[a-z-]+|-ms-[a-z-]+)\b/g, '')
            .replace(/:(hover|focus|focus-visible|focus-within|active|visited|checked|disabled|enabled|indeterminate|invalid|valid|required|optional|autofill|-webkit-autofill|read-only|read-write|placeholder-shown|target|empty|default|link|any-link|user-invalid)\b/g, '');
          const applies = selectors => selectors.split(',').some(s => {
            const plain = simple(s).trim();
            if (!plain) return true;
            try { return document.querySelector(plain) !== null; } catch { }
            try { return document.querySelector(s) !== null; } catch { return true; } // e.g. :not(:hover), which dropping :hover breaks
          });
          // Rules whose every MudBlazor class is on the page (not necessarily as the selector puts them): the other
          // states of what is shown (a colour of a progress bar, a size of a button) are styled from the first paint.
          const shown = new Set([...document.querySelectorAll('[class*="mud-"]')].flatMap(e => [...e.classList]));
          const ofShownClasses = selectors => selectors.split(',').some(s => {
            const classes = s.match(/\.mud-[a-z0-9-]+/g) || [];
            return classes.length > 0 && classes.every(c => shown.has(c.slice(1)));
          });
          const keys = (sheet, only, coarse) => {
            const out = [];
            const walk = (rules, media) => {
              for (const rule of rules) {
                if (rule instanceof CSSStyleRule) {
                  if (!only || applies(rule.selectorText) || (coarse && ofShownClasses(rule.selectorText))) out.push(media ? `@media ${media}{${rule.cssText}}` : rule.cssText);
                } else if (rule instanceof CSSMediaRule) {
                  walk(rule.cssRules, rule.conditionText);
                }
              }
            };
            walk(sheet.cssRules, null);
            return out;
          };
          const all = await parse(document.getElementById('all-styles').href);
          const firstPaint = await parse(document.getElementById('first-paint-styles').href);
          return { used: keys(all, true, false), wanted: keys(all, true, true), covered: keys(firstPaint, false, false) };
        }
        """;

    /// <summary>In the page: the whole sheet's rules whose keys are given, in its order, with every @keyframes (first-paint.css's text).</summary>
    private const string Subset = """
        async wanted => {
          const set = new Set(wanted);
          const sheet = new CSSStyleSheet();
          sheet.replaceSync(await (await fetch(document.getElementById('all-styles').href)).text());
          const out = [];
          for (const rule of sheet.cssRules) {
            if (rule instanceof CSSStyleRule) {
              if (set.has(rule.cssText)) out.push(rule.cssText);
            } else if (rule instanceof CSSMediaRule) {
              const inner = [...rule.cssRules].filter(r => r instanceof CSSStyleRule && set.has(`@media ${rule.conditionText}{${r.cssText}}`));
              if (inner.length) out.push(`@media ${rule.conditionText} {\n${inner.map(r => '  ' + r.cssText).join('\n')}\n}`);
            } else if (rule instanceof CSSKeyframesRule) {
              out.push(rule.cssText);
            }
          }
          return out.join('\n') + '\n';
        }
        """;

    [Fact]
    public async Task First_paint_css_holds_every_rule_of_MudBlazors_stylesheet_that_a_prerendered_page_uses()
    {
        var groupId = await AccessibilityTests.SeedAsync(app);
        await SeedAuditPagesAsync();
        string[] signedIn =
        [
            "/", "/t/a11y/groups", "/t/a11y/groups?tag=prod", $"/t/a11y/groups/{groupId}", "/t/a11y/ports", "/t/a11y/address-groups",
            "/t/a11y/audit", "/t/a11y/people", "/operator", "/operator/audit", "/admin/tenants", "/admin/default-rules", "/account/tokens",
            "/Account/Manage", "/no-such-page", "/t/paint-styles/audit", "/t/paint-styles/groups",
        ];
        var used = new List<string>();
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        IPage? last = null;
        foreach (var (width, height) in new[] { (1366, 800), (390, 844) })
        {
            var page = await app.NewPageAsync(width, height);
            await AppFixture.SignInAsync(page);
            await PrerenderedOnlyAsync(page);
            foreach (var path in signedIn)
            {
                await CheckAsync(page, path, used, missing);
            }
            await page.Context.CloseAsync();

            var signedOut = await app.NewPageAsync(width, height);
            await PrerenderedOnlyAsync(signedOut);
            await CheckAsync(signedOut, "/Account/Login", used, missing);
            last = signedOut;
        }

        var target = Environment.GetEnvironmentVariable("SGA_WRITE_FIRST_PAINT_CSS");
        if (!string.IsNullOrEmpty(target))
        {
            var css = await last!.EvaluateAsync<string>(Subset, used.Distinct().ToArray());
            await File.WriteAllTextAsync(Path.IsPathRooted(target) ? target : Path.Combine(RepositoryRoot(), target), css);
        }
        else
        {
            Assert.True(missing.Count == 0,
                $"{missing.Count} rules of MudBlazor's stylesheet apply to a prerendered page but are not in first-paint.css " +
                "(remake it: see FirstPaintStylesTests):\n" + string.Join("\n", missing.Take(40)));
        }
        Assert.NotEmpty(used);
        await last!.Context.CloseAsync();
    }

    /// <summary>
    /// Tenant "paint-styles" with 30 rules written: the audit logs have more than one page (their pager shows), and its
    /// quota meters are at and near their limits.
    /// </summary>
    private async Task SeedAuditPagesAsync()
    {
        using var scope = app.Factory.Services.CreateScope();
        var sp = scope.ServiceProvider;
        await using var db = await sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        if (await db.Tenants.AnyAsync(t => t.Name == "paint-styles"))
        {
            return;
        }
        // Quota meters at their limit (groups: the default and one more, of 2) and near it (rules: ~34 of 40): their other colours.
        var tenant = new Tenant { Name = "paint-styles", SecurityGroupQuota = 2, SecurityGroupRuleQuota = 40 };
        db.Tenants.Add(tenant);
        var admin = await db.Users.FirstAsync(u => u.Email == AppFixture.AdminEmail);
        db.Memberships.Add(new Membership { UserId = admin.Id, TenantId = tenant.Id, Role = TenantRoles.Admin });
        await db.SaveChangesAsync();
        var caller = (await sp.GetRequiredService<CallerFactory>().CreateAsync(admin.Id, tenant.Id, ChangeSource.UI))!;
        var groups = sp.GetRequiredService<SecurityGroupService>();
        var group = await groups.CreateGroupAsync(caller, GroupCreateRequest.FromForm("pages", "audit pages", startEmpty: true));
        for (var port = 1; port <= 30; port++)
        {
            await groups.CreateRuleAsync(caller, RuleInput.FromForm(group.Id, "ingress", "IPv4", "tcp", 7000 + port, 7000 + port, "10.0.0.0/8", null, null));
        }
    }

    /// <summary>The page stays as prerendered: blazor.web.js is not loaded, so no circuit replaces it.</summary>
    private static async Task PrerenderedOnlyAsync(IPage page) =>
        await page.Context.RouteAsync("**/_framework/blazor.web.*.js", route => route.AbortAsync());

    private static async Task CheckAsync(IPage page, string path, List<string> used, SortedSet<string> missing)
    {
        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Load });
        var rules = await page.EvaluateAsync<RuleKeys>(UsedRules);
        // The sign-in page is a card of plain form controls under the app bar (~95 of MudBlazor's rules), the others more.
        var least = path == "/Account/Login" ? 60 : 100;
        Assert.True(rules.Used.Length > least, $"{path}: only {rules.Used.Length} rules apply; is the page there?");
        used.AddRange(rules.Wanted);
        var covered = rules.Covered.ToHashSet(StringComparer.Ordinal);
        // A shorthand with var() serializes as empty longhands: such a rule would lose its declarations in the file.
        Assert.DoesNotContain(rules.Covered, r => r.Contains(": ;", StringComparison.Ordinal));
        foreach (var rule in rules.Used.Where(r => !covered.Contains(r)))
        {
            missing.Add($"{path}: {rule}");
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SecGroupAdmin.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("SecGroupAdmin.sln not found above " + AppContext.BaseDirectory);
    }

    private sealed class RuleKeys
    {
        public string[] Used { get; set; } = [];
        public string[] Wanted { get; set; } = [];
        public string[] Covered { get; set; } = [];
    }
}
