using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Domain.DefaultRules;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Components.Pages.DefaultRules;
using SecGroupAdmin.Web.DefaultRules;

namespace SecGroupAdmin.Web.Tests.Pages;

/// <summary>The "Default rules" page per role; its writes go through <see cref="DefaultRuleService"/> (authorized there too).</summary>
public class DefaultRulesPageTests : PageTestContext
{
    private DefaultRuleService Service => Services.GetRequiredService<DefaultRuleService>();

    private Bunit.IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(Role who)
    {
        SignIn(As(who));
        var cut = RenderPage<DefaultRulesPage>();
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("#default-rules-table, #not-authorized").Count > 0), TimeSpan.FromSeconds(10));
        return cut;
    }

    [Theory]
    [InlineData(Role.TenantAdmin)]
    [InlineData(Role.Member)]
    [InlineData(Role.Reader)]
    [InlineData(Role.Auditor)]
    [InlineData(Role.Outsider)]
    public async Task Only_cloud_admins_see_the_page_and_the_service_refuses_everyone_elses_writes(Role who)
    {
        var cut = Open(who);
        Assert.Single(cut.FindAll("#not-authorized"));
        Assert.Empty(cut.FindAll("#dr-add"));

        var caller = await CallerAsync(As(who));
        var input = new DefaultRuleInput
        {
            Direction = InputValue.FromString("egress"),
            UsedInDefaultSg = InputValue.FromBoolean(false),
            UsedInNonDefaultSg = InputValue.FromBoolean(false),
        };
        Assert.Equal("PolicyNotAuthorized", (await Assert.ThrowsAsync<NeutronException>(() => Service.CreateAsync(caller, input))).Error.Type);
        Assert.Equal("PolicyNotAuthorized", (await Assert.ThrowsAsync<NeutronException>(() => Service.DeleteAsync(caller, "9d8e3a52-4f0b-4c5e-9a51-2f7c8d1e6b02"))).Error.Type);
        await using var db = OpenDb();
        Assert.Equal(4, await db.DefaultSecurityGroupRules.CountAsync());
    }

    [Fact]
    public void Cloud_admin_sees_the_template_and_the_nav_entry_is_theirs()
    {
        var cut = Open(Role.CloudAdmin);
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("#default-rules-table tbody tr").Count));
        Assert.Equal(2, cut.FindAll("#default-rules-table tbody tr").Count(tr => tr.TextContent.Contains("the new group itself", StringComparison.Ordinal)));
        Assert.Single(cut.FindAll("#dr-add"));
    }

    [Fact]
    public async Task Cloud_admin_adds_a_parent_rule_and_removes_it()
    {
        var form = new DefaultRuleFormModel { UsedInDefaultSg = true, UsedInNonDefaultSg = false };
        form.Rule.Direction = "ingress";
        form.Rule.TemplateKey = "tcp";
        form.Rule.Port = 22;
        form.Rule.Remote = Components.Pages.Groups.RemoteKind.Group;
        Assert.Null(form.Validate().Error);
        var input = form.ToInput();
        Assert.Equal("PARENT", input.RemoteGroupId.Text);
        var created = await Service.CreateAsync(await CallerAsync(CloudAdmin), input);
        Assert.Equal("PARENT", created.RemoteGroupId);
        Assert.Equal(22, created.PortRangeMin);

        // The page reads the template; its delete button removes through the service.
        var cut = Open(Role.CloudAdmin);
        cut.WaitForAssertion(() => Assert.Equal(5, cut.FindAll("#default-rules-table tbody tr").Count));
        var row = cut.FindAll("#default-rules-table tbody tr").Single(tr => tr.TextContent.Contains("22", StringComparison.Ordinal));
        row.QuerySelector(".delete-default-rule")!.Click();
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("#default-rules-table tbody tr").Count));
    }

    [Fact]
    public void Form_shows_the_validators_message_under_the_cidr()
    {
        var form = new DefaultRuleFormModel();
        form.Rule.TemplateKey = "tcp";
        form.Rule.Port = 443;
        form.Rule.Cidr = "not-a-cidr";
        var (error, field) = form.Validate();
        Assert.NotNull(error);
        Assert.Equal("cidr", field);
    }
}
