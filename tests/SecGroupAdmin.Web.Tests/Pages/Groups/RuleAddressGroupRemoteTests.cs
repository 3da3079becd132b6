using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SecGroupAdmin.Data.AddressGroups;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.AddressGroups;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.AddressGroups;
using SecGroupAdmin.Web.Components.Pages.Groups;

namespace SecGroupAdmin.Web.Tests.Pages.Groups;

/// <summary>
/// An address group as a rule's remote: the rule dialog offers the tenant's address groups, the preview and the rules
/// grid say it in words ("from address group office, 3 addresses"; "to …" for egress), and the grid links to the page.
/// </summary>
public sealed class RuleAddressGroupRemoteTests : GroupsUiTestContext
{
    private AddressGroupService AddressGroups => Services.GetRequiredService<AddressGroupService>();
    private AddressGroupQuery Query => Services.GetRequiredService<AddressGroupQuery>();

    private Task<AddressGroup> NewAddressGroupAsync(string name, params string[] addresses) =>
        AddressGroups.CreateAsync(Arranger, new AddressGroupCreateRequest
        {
            Name = InputValue.FromString(name),
            Addresses = AddressListInput.FromStrings(addresses),
            ProjectId = Acme.Id,
        });

    private async Task<(IRenderedComponent<IComponent> Providers, RuleForm Form, IDialogReference Dialog, SecurityGroup Web)> OpenDialogAsync(Role role, string direction = "ingress")
    {
        var web = await NewGroupAsync("web");
        SignIn(role);
        var providers = RenderProviders();
        var context = (await ContextForAsync())!;
        var parameters = new DialogParameters<RuleDialog>
        {
            { d => d.Context, context },
            { d => d.Group, await Service.GetGroupAsync(Arranger, web.Id) },
            { d => d.Groups, await Summaries.ListGroupSummariesAsync(Arranger, Acme.Id) },
            { d => d.AddressGroups, await Query.ChoicesAsync(context.Caller, Acme.Id) },
            { d => d.InitialDirection, direction },
        };
        var dialog = await providers.InvokeAsync(() => Dialogs.ShowAsync<RuleDialog>("Add rule", parameters));
        return (providers, new RuleForm(providers), dialog, web);
    }

    [Theory]
    [InlineData(Role.Member)]
    [InlineData(Role.TenantAdmin)]
    [InlineData(Role.CloudAdmin)]
    public async Task An_address_group_must_be_chosen_and_is_stored_as_the_remote(Role role)
    {
        var office = await NewAddressGroupAsync("office", "10.0.0.0/8", "192.168.1.0/24", "172.16.0.0/12");
        var (providers, form, dialog, web) = await OpenDialogAsync(role);
        form.Port("22");
        form.Remote("Address group");
        providers.WaitForAssertion(() => Assert.Contains("Choose an address group.", providers.Markup));
        Assert.True(providers.Find("#rule-save").HasAttribute("disabled"));
        Assert.Single(providers.FindComponents<MudSelect<string>>(), s => s.Instance.Label == "Address group");

        form.Choose("Address group", office.Id);
        providers.WaitForAssertion(() => Assert.Equal("ALLOW IPv4 22/tcp from address group office, 3 addresses", providers.Find("#rule-preview").TextContent.Trim()));
        providers.Find("#rule-save").Click();
        var outcome = (RuleDialogResult)(await dialog.Result)!.Data!;
        var rule = RulesInDb(web.Id).Single(r => r.Id == outcome.RuleId);
        Assert.Equal((office.Id, (string?)null, (string?)null), (rule.RemoteAddressGroupId, rule.RemoteIpPrefix, rule.RemoteGroupId));
    }

    [Theory]
    [InlineData(Role.Reader)]
    [InlineData(Role.Auditor)]
    public async Task Readers_see_the_choice_but_their_save_is_refused(Role role)
    {
        var office = await NewAddressGroupAsync("office", "10.0.0.0/8");
        var (providers, form, _, web) = await OpenDialogAsync(role);
        form.Port("22");
        form.Remote("Address group");
        form.Choose("Address group", office.Id);
        providers.WaitForAssertion(() => Assert.False(providers.Find("#rule-save").HasAttribute("disabled")));
        providers.Find("#rule-save").Click();
        providers.WaitForAssertion(() => Assert.Equal("Your role in this tenant does not allow this change.", providers.Find("#rule-form-error").TextContent.Trim()));
        Assert.DoesNotContain(RulesInDb(web.Id), r => r.RemoteAddressGroupId is not null);
    }

    [Fact]
    public async Task The_egress_preview_says_to()
    {
        var office = await NewAddressGroupAsync("office", "10.0.0.0/8");
        var (providers, form, _, _) = await OpenDialogAsync(Role.Member, "egress");
        form.Port("443");
        form.Remote("Address group");
        form.Choose("Address group", office.Id);
        providers.WaitForAssertion(() => Assert.Equal("ALLOW IPv4 443/tcp to address group office, 1 address", providers.Find("#rule-preview").TextContent.Trim()));
    }

    [Fact]
    public async Task The_rules_grid_names_the_address_group_in_words_and_links_to_the_page()
    {
        var office = await NewAddressGroupAsync("office", "10.0.0.0/8", "192.168.1.0/24", "172.16.0.0/12");
        var web = await NewGroupAsync("web", startEmpty: true);
        await Service.CreateRuleAsync(Arranger, RuleInput.FromForm(web.Id, "ingress", "IPv4", "tcp", 22, 22, null, null, "", office.Id));
        await Service.CreateRuleAsync(Arranger, RuleInput.FromForm(web.Id, "egress", "IPv4", "tcp", 443, 443, null, null, "", office.Id));
        SignIn(Role.Reader);
        SetRendererInfo(new RendererInfo("Server", true));
        var cut = Render<SecGroupAdmin.Web.Components.Pages.Groups.GroupDetailPage>(p => p.Add(x => x.TenantName, TenantName).Add(x => x.GroupId, web.Id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("#rules-grid .rule-sentence")), TimeSpan.FromSeconds(10));

        var sentences = cut.FindAll("#rules-grid .rule-sentence").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains("ALLOW IPv4 22/tcp from address group office, 3 addresses", sentences);
        var link = cut.Find("#rules-grid .remote-address-group");
        Assert.Equal("/t/acme/address-groups", link.GetAttribute("href"));
        Assert.Equal("address group office, 3 addresses", link.TextContent.Trim());
        Assert.DoesNotContain("Any (not set)", cut.Find("#rules-grid").TextContent);
    }

    [Fact]
    public void A_row_from_an_address_group_keeps_it_and_says_it()
    {
        var rule = new SecurityGroupRule
        {
            Id = "r", SecurityGroupId = "g", Direction = "egress", Ethertype = "IPv4", Protocol = "tcp", PortRangeMin = 443, PortRangeMax = 443,
            RemoteAddressGroupId = "ag-1",
        };
        var row = new RuleRow(rule, "address group office, 2 addresses");
        Assert.Equal("ALLOW IPv4 443/tcp to address group office, 2 addresses", row.Sentence);
        Assert.Equal("address group office, 2 addresses", row.Remote);
        Assert.False(row.IsAnyNotSet);
        Assert.Equal("ag-1", row.ToEntity().RemoteAddressGroupId);
        Assert.Equal("address group ag-1", new RuleRow(rule, null).Remote);
    }
}
