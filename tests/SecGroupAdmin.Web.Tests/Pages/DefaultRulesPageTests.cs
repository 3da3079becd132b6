using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Domain.DefaultRules;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Components.Pages.DefaultRules;
using SecGroupAdmin.Web.DefaultRules;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Tests.Pages.Groups;

namespace SecGroupAdmin.Web.Tests.Pages;

/// <summary>
/// The "Default rules" page per role: the template, the rule dialog in its default-rule form, the drift report and the
/// per-tenant apply; every write goes through the services (authorized there too).
/// </summary>
public class DefaultRulesPageTests : PageTestContext
{
    private DefaultRuleService Service => Services.GetRequiredService<DefaultRuleService>();
    private SecurityGroupService Groups => Services.GetRequiredService<SecurityGroupService>();

    private Bunit.IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(Role who)
    {
        SignIn(As(who));
        var cut = RenderPage<DefaultRulesPage>();
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("#default-rules-table, #not-authorized").Count > 0), TimeSpan.FromSeconds(10));
        return cut;
    }

    private static DefaultRuleInput Https(bool inDefault, bool inOthers) => new()
    {
        Direction = InputValue.FromString("ingress"),
        Protocol = InputValue.FromString("tcp"),
        PortRangeMin = InputValue.FromInteger(443),
        PortRangeMax = InputValue.FromInteger(443),
        RemoteIpPrefix = InputValue.FromString("10.0.0.0/8"),
        UsedInDefaultSg = InputValue.FromBoolean(inDefault),
        UsedInNonDefaultSg = InputValue.FromBoolean(inOthers),
    };

    [Theory]
    [InlineData(Role.TenantAdmin)]
    [InlineData(Role.Member)]
    [InlineData(Role.Reader)]
    [InlineData(Role.Auditor)]
    [InlineData(Role.Outsider)]
    public async Task Only_cloud_admins_see_the_page_and_the_services_refuse_everyone_elses_writes(Role who)
    {
        var cut = Open(who);
        Assert.Single(cut.FindAll("#not-authorized"));
        Assert.Empty(cut.FindAll("#dr-add"));
        Assert.Empty(cut.FindAll("#drift-report"));

        var caller = await CallerAsync(As(who));
        var input = new DefaultRuleInput
        {
            Direction = InputValue.FromString("egress"),
            UsedInDefaultSg = InputValue.FromBoolean(false),
            UsedInNonDefaultSg = InputValue.FromBoolean(false),
        };
        Assert.Equal("PolicyNotAuthorized", (await Assert.ThrowsAsync<NeutronException>(() => Service.CreateAsync(caller, input))).Error.Type);
        Assert.Equal("PolicyNotAuthorized", (await Assert.ThrowsAsync<NeutronException>(() => Service.DeleteAsync(caller, "9d8e3a52-4f0b-4c5e-9a51-2f7c8d1e6b02"))).Error.Type);
        Assert.Equal("PolicyNotAuthorized", (await Assert.ThrowsAsync<NeutronException>(() => Groups.ApplyDefaultRulesAsync(caller, Acme.Id))).Error.Type);
        await using var db = OpenDb();
        Assert.Equal(4, await db.DefaultSecurityGroupRules.CountAsync());
    }

    [Fact]
    public void Cloud_admin_sees_the_template_and_no_drift_when_there_is_none()
    {
        var cut = Open(Role.CloudAdmin);
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("#default-rules-table tbody tr").Count));
        Assert.Equal(2, cut.FindAll("#default-rules-table tbody tr").Count(tr => tr.TextContent.Contains("the new group itself", StringComparison.Ordinal)));
        Assert.Single(cut.FindAll("#dr-add"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#drift-none")), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Cloud_admin_sees_drift_per_tenant_and_applies_it_after_confirming()
    {
        var member = await CallerAsync(Member, Acme.Id);
        var web = await Groups.CreateGroupAsync(member, GroupCreateRequest.FromForm("web", ""));
        await Service.CreateAsync(await CallerAsync(CloudAdmin), Https(inDefault: false, inOthers: true));

        var cut = Open(Role.CloudAdmin);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#drift-table tbody tr")), TimeSpan.FromSeconds(10));
        var row = cut.Find("#drift-table tbody tr");
        Assert.Equal(("acme", "1", "1"), (row.QuerySelector(".drift-tenant")!.TextContent, row.QuerySelector(".drift-groups")!.TextContent, row.QuerySelector(".drift-missing")!.TextContent));

        row.QuerySelector(".drift-show")!.Click();
        cut.WaitForAssertion(() => Assert.Equal("web", cut.Find("#drift-groups .drift-group-name").TextContent));
        Assert.Contains("443", cut.Find("#drift-groups .drift-missing-rule").TextContent, StringComparison.Ordinal);

        // Cancelled: nothing written.
        cut.Find("#drift-table .drift-apply").Click();
        cut.WaitForAssertion(() => Assert.Contains("Add 1 missing template rule to 1 group of acme", cut.Find("#confirm-message").TextContent, StringComparison.Ordinal));
        cut.Find("#confirm-cancel").Click();
        Assert.DoesNotContain((await Groups.GetGroupAsync(member, web.Id)).Rules, r => r.PortRangeMin == 443);

        cut.Find("#drift-table .drift-apply").Click();
        cut.WaitForAssertion(() => cut.Find("#confirm-ok"));
        cut.Find("#confirm-ok").Click();
        cut.WaitForAssertion(() => Assert.Contains("acme: added 1 rule to 1 group.", cut.Find("#drift-apply-result").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#drift-none")), TimeSpan.FromSeconds(10));
        Assert.Single((await Groups.GetGroupAsync(member, web.Id)).Rules, r => r.PortRangeMin == 443 && r.RemoteIpPrefix == "10.0.0.0/8");
    }

    /// <summary>
    /// The report follows changes made elsewhere (another CloudAdmin's template, a tenant's rules), without a reload of
    /// the page and without hiding the report meanwhile.
    /// </summary>
    [Fact]
    public async Task The_drift_follows_template_and_group_changes_live()
    {
        var member = await CallerAsync(Member, Acme.Id);
        var web = await Groups.CreateGroupAsync(member, GroupCreateRequest.FromForm("web", ""));
        var cut = Open(Role.CloudAdmin);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#drift-none")), TimeSpan.FromSeconds(10));
        var live = TimeSpan.FromSeconds(10);

        // Another CloudAdmin adds a template rule for other groups: "web" lacks it.
        var admin = await CallerAsync(CloudAdmin);
        var https = (await Service.CreateAsync(admin, Https(inDefault: false, inOthers: true))).Id;
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#drift-table tbody tr")), live);
        Assert.Equal(("acme", "1"), (cut.Find(".drift-tenant").TextContent, cut.Find(".drift-groups").TextContent));
        Assert.Equal(5, cut.FindAll("#default-rules-table tbody tr").Count);

        // The tenant adds the rule itself: no drift left; it deletes it again: back.
        var rule = await Groups.CreateRuleAsync(member, SecGroupAdmin.Web.Tests.Services.ServiceTestHost.Rule(web.Id, "tcp", 443, "10.0.0.0/8"));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#drift-none")), live);
        await Groups.DeleteRuleAsync(member, rule.Id);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#drift-table tbody tr")), live);
        Assert.Empty(cut.FindAll("#drift-loading"));

        // A group made meanwhile gets the template rule; once it loses it, two groups lack it; the group deleted, one.
        var api = await Groups.CreateGroupAsync(member, GroupCreateRequest.FromForm("api", ""));
        var apiHttps = (await Groups.GetGroupAsync(member, api.Id)).Rules.Single(r => r.PortRangeMin == 443);
        await Groups.DeleteRuleAsync(member, apiHttps.Id);
        cut.WaitForAssertion(() => Assert.Equal("2", cut.Find(".drift-groups").TextContent), live);
        await Groups.DeleteGroupAsync(member, api.Id);
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find(".drift-groups").TextContent), live);

        // The template rule removed: no drift, four template rules.
        await Service.DeleteAsync(admin, https);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#drift-none")), live);
        Assert.Equal(4, cut.FindAll("#default-rules-table tbody tr").Count);
    }

    [Fact]
    public async Task Apply_over_the_quota_says_why_and_writes_nothing()
    {
        var member = await CallerAsync(Member, Acme.Id);
        var web = await Groups.CreateGroupAsync(member, GroupCreateRequest.FromForm("web", ""));
        await Service.CreateAsync(await CallerAsync(CloudAdmin), Https(inDefault: true, inOthers: true));
        await using (var db = OpenDb())
        {
            var tenant = await db.Tenants.SingleAsync(t => t.Id == Acme.Id);
            tenant.SecurityGroupRuleQuota = await db.SecurityGroupRules.CountAsync(r => r.TenantId == Acme.Id);
            await db.SaveChangesAsync();
        }

        var cut = Open(Role.CloudAdmin);
        cut.WaitForAssertion(() => cut.Find("#drift-table .drift-apply"), TimeSpan.FromSeconds(10));
        cut.Find("#drift-table .drift-apply").Click();
        cut.WaitForAssertion(() => cut.Find("#confirm-ok"));
        cut.Find("#confirm-ok").Click();
        cut.WaitForAssertion(() => Assert.StartsWith("Nothing was changed in acme:", cut.Find("#drift-apply-error").TextContent.Trim(), StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        Assert.Contains("quota", cut.Find("#drift-apply-error").TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain((await Groups.GetGroupAsync(member, web.Id)).Rules, r => r.PortRangeMin == 443);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#drift-table tbody tr")));
    }

    [Fact]
    public void The_rule_dialog_adds_a_parent_rule_with_errors_under_the_field_as_you_type()
    {
        var cut = Open(Role.CloudAdmin);
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("#default-rules-table tbody tr").Count));
        cut.Find("#dr-add").Click();
        var form = new RuleForm(cut);

        form.Port("22");
        form.Cidr("10.0.0.300/8");
        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("#rule-cidr").GetAttribute("aria-invalid")));
        Assert.Contains("10.0.0.300/8", cut.Find("#rule-cidr").Closest(".mud-input-control")!.TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("#rule-save").HasAttribute("disabled"));

        form.Remote("The group itself");
        cut.WaitForAssertion(() => cut.Find("#rule-remote-parent"));
        cut.Find("#rule-used-in-default").Change(true);
        cut.Find("#rule-used-in-others").Change(false);
        cut.WaitForAssertion(() => Assert.Contains("in new default groups", cut.Find("#rule-preview").TextContent, StringComparison.Ordinal));
        cut.Find("#rule-save").Click();

        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("#default-rules-table tbody tr").Count), TimeSpan.FromSeconds(10));
        using var db = OpenDb();
        var added = db.DefaultSecurityGroupRules.Single(r => r.PortRangeMin == 22);
        Assert.Equal((DefaultRule.Parent, true, false, "tcp"), (added.RemoteGroupId, added.UsedInDefaultSg, added.UsedInNonDefaultSg, added.Protocol));
    }

    [Fact]
    public void The_rule_dialog_says_when_the_rule_is_already_in_the_template()
    {
        var cut = Open(Role.CloudAdmin);
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("#default-rules-table tbody tr").Count));
        cut.Find("#dr-add").Click();
        var form = new RuleForm(cut);
        form.Choose("Direction", "egress");
        form.Choose("Rule", "custom");

        cut.WaitForAssertion(() => Assert.Contains("Already in the template", cut.Find("#rule-already-in-template").TextContent, StringComparison.Ordinal));
        Assert.True(cut.Find("#rule-save").HasAttribute("disabled"));
        cut.Find("#rule-used-in-default").Change(false);
        cut.Find("#rule-used-in-others").Change(false);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#rule-already-in-template")));
    }

    [Fact]
    public void The_default_rule_form_uses_the_template_validator_and_parent()
    {
        var form = new DefaultRuleFormModel { UsedInDefaultSg = true, UsedInNonDefaultSg = false };
        form.Rule.Direction = "ingress";
        form.Rule.TemplateKey = "tcp";
        form.Rule.Port = 22;
        form.Rule.Remote = Components.Pages.Groups.RemoteKind.Group;
        var (rule, error, _) = form.Validate();
        Assert.Null(error);
        Assert.Equal(DefaultRule.Parent, rule.Rule.RemoteGroupId);
        Assert.Equal("PARENT", form.ToInput().RemoteGroupId.Text);

        var bad = new DefaultRuleFormModel();
        bad.Rule.TemplateKey = "tcp";
        bad.Rule.Port = 443;
        bad.Rule.Cidr = "not-a-cidr";
        var (_, badError, field) = bad.Validate();
        Assert.NotNull(badError);
        Assert.Equal("cidr", field);
    }
}
