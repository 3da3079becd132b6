using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace SecGroupAdmin.E2E;

/// <summary>
/// Finding 9: every page works under its Content-Security-Policy in Chromium: no "Refused to …" console message and
/// no securitypolicyviolation event on the sign-in page, the app's pages (with the rule dialog open), the account
/// pages and the API reference.
/// </summary>
[Collection(AppCollection.Name)]
public class ContentSecurityPolicyTests(AppFixture app)
{
    private const string RecordViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));
        """;

    [Fact]
    public async Task No_page_breaks_its_Content_Security_Policy()
    {
        var page = await app.NewPageAsync();
        await page.AddInitScriptAsync(RecordViolations);
        var console = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Refused to", StringComparison.Ordinal)
                || message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                console.Add(page.Url + ": " + message.Text);
            }
        };
        var violations = new List<string>();
        var visited = new List<string>();

        async Task CheckAsync(string path, bool interactive = true)
        {
            // The page is served with a policy (without one there would be nothing to break).
            var response = await page.GotoAsync(path);
            var headers = await response!.AllHeadersAsync();
            Assert.Contains("frame-ancestors 'none'", headers.GetValueOrDefault("content-security-policy", ""));
            if (interactive)
            {
                await AppFixture.WaitForInteractiveAsync(page);
            }
            await CollectAsync();
            visited.Add(path);
        }

        async Task CollectAsync()
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var found = await page.EvaluateAsync<string[]>("() => window.__cspViolations || []");
            violations.AddRange(found.Select(v => page.Url + ": " + v));
        }

        await CheckAsync("/Account/Login", interactive: false);
        await AppFixture.SignInAsync(page);
        await CollectAsync();

        string groupId;
        await using (var db = await app.DbAsync())
        {
            var demo = await db.Tenants.Where(t => t.Name == "demo").Select(t => t.Id).SingleAsync();
            groupId = await db.SecurityGroups.Where(g => g.TenantId == demo && g.Name == "bastion").Select(g => g.Id).SingleAsync();
        }
        await CheckAsync("/");
        await CheckAsync("/t/demo/groups");
        await CheckAsync($"/t/demo/groups/{groupId}");
        await page.ClickAsync("#add-rule");
        await page.WaitForSelectorAsync(".mud-dialog");
        await CollectAsync();
        await CheckAsync("/t/demo/ports");
        await CheckAsync("/t/demo/audit");
        await CheckAsync("/t/demo/people");
        await CheckAsync("/account/tokens");
        await CheckAsync("/admin/tenants");
        await CheckAsync("/admin/default-rules");
        await CheckAsync("/operator");
        await CheckAsync("/operator/audit");
        await CheckAsync("/Account/Manage", interactive: false);
        await CheckAsync("/Account/Manage/ChangePassword", interactive: false);
        await CheckAsync("/api/docs", interactive: false);
        await page.WaitForTimeoutAsync(500);
        await CollectAsync();

        Assert.Equal(15, visited.Count);
        Assert.True(violations.Count == 0 && console.Count == 0,
            "CSP violations:\n" + string.Join("\n", violations.Concat(console)));
    }
}
