using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Web.Components.Pages.Groups;

namespace SecGroupAdmin.Web.Tests.Pages.Groups;

/// <summary>RuleDialog: Neutron's messages under the right field as you type, the ethertype following the CIDR, templates, exposure warnings, and each role's save.</summary>
public sealed class RuleDialogTests : GroupsUiTestContext
{
    private SecurityGroup web = null!;
    private SecurityGroup app = null!;

    private async Task<(IRenderedComponent<IComponent> Providers, RuleForm Form, IDialogReference Dialog)> OpenAsync(Role role = Role.Member, SecurityGroupRule? editing = null, string direction = "ingress")
    {
        web = await NewGroupAsync("web");
        app = await NewGroupAsync("app");
        SignIn(role);
        var providers = RenderProviders();
        var context = await ContextForAsync() ?? (await ContextForAsync(OtherTenantName))! with { Tenant = Acme };
        var group = await Service.GetGroupAsync(Arranger, web.Id);
        var groups = await Summaries.ListGroupSummariesAsync(Arranger, Acme.Id);
        var parameters = new DialogParameters<RuleDialog>
        {
            { d => d.Context, context }, { d => d.Group, group }, { d => d.Groups, groups },
            { d => d.Editing, editing }, { d => d.InitialDirection, direction },
        };
        var dialog = await providers.InvokeAsync(() => Dialogs.ShowAsync<RuleDialog>("Add rule", parameters));
        return (providers, new RuleForm(providers), dialog);
    }

    private static void AssertFieldError(IRenderedComponent<IComponent> providers, string inputId, string message)
    {
        providers.WaitForAssertion(() => Assert.Equal("true", providers.Find("#" + inputId).GetAttribute("aria-invalid")));
        var control = providers.Find("#" + inputId).Closest(".mud-input-control")!;
        Assert.Contains(message, control.TextContent);
        Assert.True(providers.Find("#rule-save").HasAttribute("disabled"));
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Save_stores_the_rule_only_for_writers(Role role)
    {
        var (providers, form, dialog) = await OpenAsync(role);
        form.Port("8080");
        form.Cidr("192.168.0.0/16");
        providers.WaitForAssertion(() => Assert.False(providers.Find("#rule-save").HasAttribute("disabled")));
        providers.Find("#rule-save").Click();

        if (Writes(role))
        {
            var result = await dialog.Result;
            var outcome = Assert.IsType<RuleDialogResult>(result!.Data);
            Assert.False(outcome.AlreadyPresent);
            var rule = Assert.Single(RulesInDb(web.Id), r => r.Id == outcome.RuleId);
            Assert.Equal(("tcp", 8080, 8080, "192.168.0.0/16"), (rule.Protocol, rule.PortRangeMin, rule.PortRangeMax, rule.RemoteIpPrefix));
            Assert.Equal(UserId(role), Assert.Single(UiAudit()).ActorUserId);
            return;
        }
        providers.WaitForElement("#rule-form-error");
        var expected = role == Role.Outsider ? $"Security group {web.Id} does not exist" : "Your role in this tenant does not allow this change.";
        Assert.Equal(expected, providers.Find("#rule-form-error").TextContent.Trim());
        Assert.DoesNotContain(RulesInDb(web.Id), r => r.PortRangeMin == 8080);
        Assert.Empty(UiAudit());
    }

    [Fact]
    public async Task A_pristine_form_shows_no_errors_and_cannot_be_saved()
    {
        var (providers, _, _) = await OpenAsync();
        Assert.True(providers.Find("#rule-save").HasAttribute("disabled"));
        Assert.Empty(providers.FindAll("[aria-invalid=true]"));
        Assert.Empty(providers.FindAll("#rule-form-error"));
        Assert.Empty(providers.FindAll("#rule-preview"));
    }

    [Fact]
    public async Task An_emptied_port_asks_for_one_instead_of_opening_all_ports()
    {
        var (providers, form, _) = await OpenAsync();
        form.Port("22");
        form.Port("");
        AssertFieldError(providers, "rule-port", "Enter a port, or choose All ports.");

        form.Choose("Open port", PortMode.All);
        form.Remote("Anywhere");
        providers.WaitForElement("#rule-preview");
        Assert.Contains("This opens all ports", providers.Find("#rule-exposure-warning").TextContent); // every TCP port from any address
        Assert.False(providers.Find("#rule-save").HasAttribute("disabled"));
    }


    [Fact]
    public async Task A_new_rule_starts_with_no_source_no_warning_and_cannot_be_saved_until_one_is_chosen()
    {
        var (providers, form, _) = await OpenAsync();
        Assert.Empty(providers.FindAll("#rule-exposure-warning"));
        Assert.Empty(providers.FindAll("#rule-remote .mud-chip-selected"));
        form.Choose("Rule", "ssh");
        providers.WaitForElement("#rule-remote-hint");
        Assert.Empty(providers.FindAll("#rule-exposure-warning")); // SSH, but from nowhere yet
        Assert.Empty(providers.FindAll("#rule-form-error"));
        Assert.True(providers.Find("#rule-save").HasAttribute("disabled"));

        // An empty CIDR is not "anywhere" by default: the user types a network or chooses Anywhere.
        form.Remote("CIDR");
        form.Cidr("");
        AssertFieldError(providers, "rule-cidr", "Enter a CIDR, or choose Anywhere.");
        Assert.Empty(providers.FindAll("#rule-exposure-warning"));

        form.Remote("Anywhere");
        providers.WaitForElement("#rule-exposure-warning");
        providers.WaitForAssertion(() => Assert.False(providers.Find("#rule-save").HasAttribute("disabled")));
        Assert.Contains("from 0.0.0.0/0", providers.Find("#rule-preview").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_a_rule_stored_with_no_remote_keeps_it_unset()
    {
        var web0 = await NewGroupAsync("web0");
        var unset = await NewRuleAsync(web0.Id, port: 8081, prefix: null);
        SignIn(Role.Member);
        var providers = RenderProviders();
        var parameters = new DialogParameters<RuleDialog>
        {
            { d => d.Context, await ContextForAsync() }, { d => d.Group, await Service.GetGroupAsync(Arranger, web0.Id) },
            { d => d.Groups, await Summaries.ListGroupSummariesAsync(Arranger, Acme.Id) }, { d => d.Editing, unset },
        };
        var dialog = await providers.InvokeAsync(() => Dialogs.ShowAsync<RuleDialog>("Edit rule", parameters));
        var form = new RuleForm(providers);
        Assert.Contains("Empty means any address", providers.Markup, StringComparison.Ordinal);
        form.Description("still from any address");
        providers.WaitForAssertion(() => Assert.False(providers.Find("#rule-save").HasAttribute("disabled")));
        providers.Find("#rule-save").Click();
        var outcome = Assert.IsType<RuleDialogResult>((await dialog.Result)!.Data);
        Assert.Null(Assert.Single(RulesInDb(web0.Id), r => r.Id == outcome.RuleId).RemoteIpPrefix);
    }

    [Fact]
    public async Task Port_70000_is_refused_under_the_port()
    {
        var (providers, form, _) = await OpenAsync();
        form.Port("70000");
        AssertFieldError(providers, "rule-port", "Invalid value for port 70000");
    }

    [Fact]
    public async Task A_missing_upper_bound_is_refused_under_the_upper_bound()
    {
        var (providers, form, _) = await OpenAsync();
        form.Choose("Open port", PortMode.Range);
        form.PortFrom("100");
        AssertFieldError(providers, "rule-port-to", "For TCP/UDP protocols, port_range_min must be <= port_range_max");
    }

    [Fact]
    public async Task A_reversed_range_cannot_be_saved()
    {
        var (providers, form, _) = await OpenAsync();
        form.Choose("Open port", PortMode.Range);
        form.PortTo("50");
        form.PortFrom("100");
        AssertFieldError(providers, "rule-port-to", "For TCP/UDP protocols, port_range_min must be <= port_range_max");
        Assert.Empty(providers.FindAll("#rule-preview"));
    }

    [Fact]
    public async Task The_error_stays_shown_when_the_value_changes_but_the_error_does_not()
    {
        var (providers, form, _) = await OpenAsync();
        form.Choose("Open port", PortMode.Range);
        form.PortFrom("100");
        form.PortTo("50");
        AssertFieldError(providers, "rule-port-to", "For TCP/UDP protocols, port_range_min must be <= port_range_max");
    }

    [Fact]
    public async Task ICMP_type_300_is_refused_under_the_type_and_IPv6_makes_it_ipv6_icmp()
    {
        var (providers, form, dialog) = await OpenAsync();
        form.Choose("Rule", RuleFormModel.CustomIcmp);
        form.IcmpType("300");
        AssertFieldError(providers, "rule-icmp-type", "Invalid value for ICMP type (port_range_min) 300. It must be 0 to 255.");

        form.IcmpType("8");
        form.IcmpCode("256");
        AssertFieldError(providers, "rule-icmp-code", "Invalid value for ICMP code (port_range_max) 256. It must be 0 to 255.");

        form.IcmpCode("0");
        form.Cidr("2001:db8::/64");
        providers.WaitForAssertion(() => Assert.False(providers.Find("#rule-save").HasAttribute("disabled")));
        providers.Find("#rule-save").Click();
        var outcome = (RuleDialogResult)(await dialog.Result)!.Data!;
        var rule = RulesInDb(web.Id).Single(r => r.Id == outcome.RuleId);
        Assert.Equal(("IPv6", "ipv6-icmp", 8, 0), (rule.Ethertype, rule.Protocol, rule.PortRangeMin, rule.PortRangeMax));
    }

    [Fact]
    public async Task A_bad_CIDR_is_refused_under_the_CIDR_and_the_ethertype_follows_a_good_one()
    {
        var (providers, form, _) = await OpenAsync();
        form.Port("443");
        form.Cidr("10.0.0.0/33");
        AssertFieldError(providers, "rule-cidr", "Invalid CIDR 10.0.0.0/33 given as IP prefix.");

        form.Cidr("2001:db8::/48");
        providers.WaitForAssertion(() => Assert.Contains("IPv6", providers.Find("#rule-ethertype-readonly").TextContent, StringComparison.Ordinal));
        Assert.Equal("false", providers.Find("#rule-cidr").GetAttribute("aria-invalid"));
        form.Cidr("10.1.2.3/8");
        providers.WaitForAssertion(() => Assert.Contains("IPv4", providers.Find("#rule-ethertype-readonly").TextContent, StringComparison.Ordinal));
        Assert.Contains("Host bits are set: this means the network 10.0.0.0/8", providers.Markup);
    }

    [Fact]
    public async Task Anywhere_on_an_admin_port_warns_but_does_not_block()
    {
        var (providers, form, _) = await OpenAsync();
        form.Port("22");
        Assert.Contains("22 is SSH", providers.Markup);
        form.Remote("Anywhere");

        Assert.Contains("This opens sensitive port 22 (SSH) to the whole internet", providers.WaitForElement("#rule-exposure-warning").TextContent);
        Assert.Contains("Stored explicitly as", providers.Markup);
        Assert.Contains("0.0.0.0/0", providers.Markup);
        Assert.False(providers.Find("#rule-save").HasAttribute("disabled"));

        form.Port("80");
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("#rule-exposure-warning")));
        form.Choose("Ether type", "IPv6");
        form.Port("3306");
        providers.WaitForElement("#rule-exposure-warning");
        Assert.Contains("::/0", providers.Markup);
    }

    [Fact]
    public async Task Egress_rules_never_warn()
    {
        var (providers, form, _) = await OpenAsync(direction: "egress");
        form.Port("22");
        form.Remote("Anywhere");
        providers.WaitForAssertion(() => Assert.Contains("Allow traffic to", providers.Markup));
        Assert.Empty(providers.FindAll("#rule-exposure-warning"));
    }

    [Fact]
    public async Task A_template_fills_protocol_ports_and_direction()
    {
        var (providers, form, dialog) = await OpenAsync(direction: "egress");
        form.Choose("Rule", "mysql");
        providers.WaitForElement("#rule-template-summary");
        Assert.Equal("TCP port 3306.", providers.Find("#rule-template-summary").TextContent.Trim());
        Assert.Contains("Allow traffic from", providers.Markup);

        form.Choose("Rule", "all_tcp");
        providers.WaitForAssertion(() => Assert.Equal("TCP ports 1–65535 (stored as all ports).", providers.Find("#rule-template-summary").TextContent.Trim()));
        form.Cidr("10.0.0.0/8");
        providers.Find("#rule-save").Click();
        var outcome = (RuleDialogResult)(await dialog.Result)!.Data!;
        var rule = RulesInDb(web.Id).Single(r => r.Id == outcome.RuleId);
        Assert.Equal(("ingress", "tcp", (int?)null, (int?)null), (rule.Direction, rule.Protocol, rule.PortRangeMin, rule.PortRangeMax));
    }

    [Fact]
    public async Task A_remote_group_must_be_chosen_and_is_stored_as_the_remote()
    {
        var (providers, form, dialog) = await OpenAsync();
        form.Port("5432");
        form.Remote("Security group");
        providers.WaitForAssertion(() => Assert.Contains("Choose a security group.", providers.Markup));
        Assert.True(providers.Find("#rule-save").HasAttribute("disabled"));

        form.Choose("Security group", app.Id);
        providers.WaitForAssertion(() => Assert.Contains("from app", providers.Find("#rule-preview").TextContent));
        providers.Find("#rule-save").Click();
        var outcome = (RuleDialogResult)(await dialog.Result)!.Data!;
        var rule = RulesInDb(web.Id).Single(r => r.Id == outcome.RuleId);
        Assert.Equal((app.Id, (string?)null), (rule.RemoteGroupId, rule.RemoteIpPrefix));
    }

    [Fact]
    public async Task My_IP_is_offered_only_when_the_address_is_known()
    {
        var (providers, _, _) = await OpenAsync();
        var chip = providers.FindComponents<MudChip<RemoteKind>>().Single(c => c.Instance.Value == RemoteKind.MyIp);
        Assert.True(chip.Instance.Disabled);
        Assert.Equal("My IP", chip.Instance.Text);
    }

    [Fact]
    public async Task Editing_a_rule_to_match_another_says_already_present()
    {
        var web0 = await NewGroupAsync("web0");
        await NewRuleAsync(web0.Id, protocol: "6", port: 22, prefix: "10.0.0.0/8");
        // 8080, not a preset's port: the form shows the port field (an 80/tcp rule would show the HTTP preset).
        var editing = await NewRuleAsync(web0.Id, port: 8080, prefix: "10.0.0.0/8");
        SignIn(Role.Member);
        var providers = RenderProviders();
        var parameters = new DialogParameters<RuleDialog>
        {
            { d => d.Context, await ContextForAsync() }, { d => d.Group, await Service.GetGroupAsync(Arranger, web0.Id) },
            { d => d.Groups, await Summaries.ListGroupSummariesAsync(Arranger, Acme.Id) }, { d => d.Editing, editing },
        };
        await providers.InvokeAsync(() => Dialogs.ShowAsync<RuleDialog>("Edit rule", parameters));
        var form = new RuleForm(providers);
        Assert.Empty(providers.FindAll("#rule-already-present")); // itself is not a duplicate

        form.Port("22");

        providers.WaitForElement("#rule-already-present");
        Assert.True(providers.Find("#rule-save").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_rule_added_by_someone_else_meanwhile_is_found_by_the_id_on_the_409()
    {
        var (providers, form, dialog) = await OpenAsync();
        form.Port("8443");
        form.Cidr("192.168.0.0/16");
        providers.WaitForAssertion(() => Assert.False(providers.Find("#rule-save").HasAttribute("disabled")));
        // Created after the dialog read the group, so only the server knows it: the save gets SecurityGroupRuleExists.
        var meanwhile = await NewRuleAsync(web.Id, port: 8443, prefix: "192.168.0.0/16");

        providers.Find("#rule-save").Click();
        providers.WaitForElement("#rule-already-present");
        providers.Find("#rule-show-existing").Click();

        var outcome = Assert.IsType<RuleDialogResult>((await dialog.Result)!.Data);
        Assert.Equal((meanwhile.Id, true), (outcome.RuleId, outcome.AlreadyPresent));
        Assert.Single(RulesInDb(web.Id), r => r.PortRangeMin == 8443);
    }
}
