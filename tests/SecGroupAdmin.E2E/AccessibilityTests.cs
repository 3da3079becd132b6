using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.E2E;

/// <summary>
/// Every page of the app, run through axe-core (Deque's engine, the rules behind Lighthouse and most accessibility
/// audits) for WCAG 2.0 and 2.1, levels A and AA, in light and dark mode, at desktop and phone size: no violations.
/// </summary>
[Collection(AppCollection.Name)]
public class AccessibilityTests(AppFixture app)
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Fact]
    public async Task Every_page_passes_axe_for_WCAG_2_1_A_and_AA_in_light_and_dark_at_desktop_and_phone_size()
    {
        var groupId = await SeedAsync(app);
        var portId = await PortIdAsync(app);
        string[] paths =
        [
            "/", "/t/a11y/groups", "/t/a11y/groups?tag=prod", $"/t/a11y/groups/{groupId}", "/t/a11y/ports", $"/t/a11y/ports/{portId}", "/t/a11y/address-groups", "/t/a11y/audit", $"/t/a11y/audit?group={groupId}",
            "/t/a11y/people", "/operator", "/operator/audit", "/admin/tenants", "/admin/default-rules", "/account/tokens",
            "/Account/Login", "/Account/ForgotPassword", "/Account/Manage", "/Account/Manage/ChangePassword", "/Account/Manage/TwoFactorAuthentication",
        ];
        var violations = new List<string>();
        foreach (var (width, height) in new[] { (1366, 800), (390, 844) })
        {
            var page = await app.NewPageAsync(width, height);
            await AppFixture.SignInAsync(page);
            foreach (var dark in new[] { false, true })
            {
                if (dark)
                {
                    await AppFixture.OpenAsync(page, "/"); // the toggle is on the app's pages, not on the sign-in forms
                    await NewUserJourneyTests.ToggleToDarkAsync(page);
                }
                foreach (var path in paths)
                {
                    if (path.StartsWith("/Account/", StringComparison.Ordinal))
                    {
                        await page.GotoAsync(path); // not interactive: a plain form
                    }
                    else
                    {
                        await AppFixture.OpenAsync(page, path);
                    }
                    await page.WaitForTimeoutAsync(300); // transitions (the theme's colours, the drawer) end
                    // Each path is a full page load: the theme chosen holds (the theme cookie), so this pass is truly dark.
                    Assert.True(dark == await NewUserJourneyTests.IsDarkAsync(page), $"{path} ({width}px) is not {(dark ? "dark" : "light")}");
                    var result = await page.RunAxe(Wcag);
                    violations.AddRange(result.Violations.Select(v =>
                        $"{path} ({width}px, {(dark ? "dark" : "light")}): {v.Id} ({v.Impact}) {v.Help} — " +
                        string.Join(" | ", v.Nodes.Take(3).Select(n => (n.Html.Length > 160 ? n.Html[..160] : n.Html) +
                            (n.Any.FirstOrDefault()?.Message is { } why ? $" ({why})" : "")))));
                }
            }
            await page.Context.CloseAsync();
        }
        Assert.True(violations.Count == 0, $"{violations.Count} axe violations:\n" + string.Join("\n", violations));
    }

    /// <summary>The port of tenant "a11y" (made by <see cref="SeedAsync"/>).</summary>
    internal static async Task<string> PortIdAsync(AppFixture app)
    {
        using var scope = app.Factory.Services.CreateScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Ports.Where(p => p.Name == "a11y-vm").Select(p => p.Id).FirstAsync();
    }

    /// <summary>Tenant "a11y" with a group of a few rules, changes in its audit log, and the admin as its admin.</summary>
    internal static async Task<string> SeedAsync(AppFixture app)
    {
        using var scope = app.Factory.Services.CreateScope();
        var sp = scope.ServiceProvider;
        await using var db = await sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var groups = sp.GetRequiredService<SecurityGroupService>();
        var existing = await db.Tenants.FirstOrDefaultAsync(t => t.Name == "a11y");
        if (existing is not null)
        {
            return await db.SecurityGroups.Where(g => g.TenantId == existing.Id && g.Name == "web").Select(g => g.Id).FirstAsync();
        }
        var tenant = new Tenant { Name = "a11y" };
        db.Tenants.Add(tenant);
        var admin = await db.Users.FirstAsync(u => u.Email == AppFixture.AdminEmail);
        db.Memberships.Add(new Membership { UserId = admin.Id, TenantId = tenant.Id, Role = TenantRoles.Admin });
        await db.SaveChangesAsync();
        var caller = (await sp.GetRequiredService<CallerFactory>().CreateAsync(admin.Id, tenant.Id, ChangeSource.UI))!;
        var web = await groups.CreateGroupAsync(caller, GroupCreateRequest.FromForm("web", "web servers"));
        await groups.CreateRuleAsync(caller, RuleInput.FromForm(web.Id, "ingress", "IPv4", "tcp", 443, 443, "0.0.0.0/0", null, "https"));
        var ssh = await groups.CreateRuleAsync(caller, RuleInput.FromForm(web.Id, "ingress", "IPv4", "tcp", 22, 22, "10.0.0.0/8", null, "ssh"));
        await groups.CreateRuleAsync(caller, RuleInput.FromForm(web.Id, "ingress", "IPv6", "udp", 53, 53, null, web.Id, "dns"));
        // Covered by the ssh rule: the group page marks it redundant (#17).
        await groups.CreateRuleAsync(caller, RuleInput.FromForm(web.Id, "ingress", "IPv4", "tcp", 22, 22, "10.1.0.0/16", null, "ssh, office"));
        // A port of the group: the port page and its effective rules (#17).
        await sp.GetRequiredService<SecGroupAdmin.Web.Ports.PortService>().CreatePortAsync(caller, new SecGroupAdmin.Web.Ports.PortCreateRequest
        {
            Name = "a11y-vm",
            NetworkId = "net-a11y",
            SecurityGroupIds = [web.Id],
            FixedIps = ["10.60.0.5", "2001:db8:60::5"],
        });
        // Tags: chips on the groups list, the group page and a rule's row.
        var tags = sp.GetRequiredService<SecGroupAdmin.Web.Tags.TagService>();
        await tags.ReplaceAsync(caller, SecGroupAdmin.Web.Tags.TaggedKind.SecurityGroup, web.Id, ["prod", "frontend"]);
        await tags.ReplaceAsync(caller, SecGroupAdmin.Web.Tags.TaggedKind.SecurityGroupRule, ssh.Id, ["ops"]);
        return web.Id;
    }
}
