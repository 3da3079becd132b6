using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data.AddressGroups;
using SecGroupAdmin.Domain.AddressGroups;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.AddressGroups;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Tests.Services;

/// <summary>
/// <see cref="AddressGroupQuery"/> (the read side of the address-groups page, the rule dialog and the rules grid) on the
/// database, and the foreign key from rules to address groups that backs the AddressGroupInUse refusal.
/// </summary>
public sealed class AddressGroupQueryTests : IDisposable
{
    private readonly ServiceTestHost host = new();

    private AddressGroupQuery Query => new(host.DbFactory);

    public void Dispose() => host.Dispose();

    private Task<AddressGroup> NewAsync(string name, Caller? caller = null, params string[] addresses) =>
        host.AddressGroups.CreateAsync(caller ?? host.MemberA, new AddressGroupCreateRequest
        {
            Name = InputValue.FromString(name),
            Addresses = AddressListInput.FromStrings(addresses),
        });

    private async Task UseAsync(string groupId, string addressGroupId, int port, Caller? caller = null) =>
        await host.Service.CreateRuleAsync(caller ?? host.MemberA, RuleInput.FromForm(groupId, "ingress", "IPv4", "tcp", port, port, null, null, "", addressGroupId));

    [Fact]
    public async Task A_page_has_each_groups_addresses_in_order_and_how_many_rules_use_it()
    {
        var office = await NewAsync("office", null, "10.0.0.0/8", "192.168.1.0/24");
        var lab = await NewAsync("lab", null, "2001:db8::/32");
        await NewAsync("theirs", host.MemberB, "10.0.0.0/8");
        var web = await host.NewGroupAsync();
        await UseAsync(web.Id, office.Id, 22);
        await UseAsync(web.Id, office.Id, 80);

        var page = await Query.ListPageAsync(host.MemberA, host.TenantA, null, 0, 25);

        Assert.Equal(2, page.Total);
        Assert.Equal(["lab", "office"], page.Items.Select(g => g.Name));
        Assert.Equal((0, 2), (page.Items[0].UseCount, page.Items[1].UseCount));
        Assert.Equal(["10.0.0.0/8", "192.168.1.0/24"], page.Items[1].Addresses);
        Assert.Equal("address group office, 2 addresses", page.Items[1].RemoteText);
        Assert.Equal(lab.Id, page.Items[0].Id);
    }

    [Fact]
    public async Task Search_matches_name_description_or_the_start_of_an_address_and_pages_in_SQL()
    {
        await NewAsync("office", null, "10.0.0.0/8");
        await NewAsync("lab", null, "192.168.1.0/24");
        await NewAsync("labs-2", null, "192.168.2.0/24");

        Assert.Equal(["lab", "labs-2"], (await Query.ListPageAsync(host.MemberA, host.TenantA, "LAB", 0, 25)).Items.Select(g => g.Name));
        Assert.Equal(["office"], (await Query.ListPageAsync(host.MemberA, host.TenantA, "10.0", 0, 25)).Items.Select(g => g.Name));
        var second = await Query.ListPageAsync(host.MemberA, host.TenantA, null, 1, 1);
        Assert.Equal((3, "labs-2"), (second.Total, second.Items.Single().Name));
    }

    [Fact]
    public async Task Another_tenants_address_groups_are_not_listed_nor_shown_nor_offered()
    {
        var theirs = await NewAsync("theirs", host.MemberB, "10.0.0.0/8");

        Assert.Empty((await Query.ListPageAsync(host.MemberA, host.TenantB, null, 0, 25)).Items);
        Assert.Null(await Query.GetAsync(host.MemberA, theirs.Id));
        Assert.Empty(await Query.ChoicesAsync(host.MemberA, host.TenantB));
        Assert.Empty(await Query.LabelsAsync(host.MemberA, [theirs.Id]));
        Assert.Empty(await Query.UsesAsync(host.MemberA, theirs.Id));
        Assert.Single((await Query.ListPageAsync(host.Auditor, host.TenantB, null, 0, 25)).Items);
    }

    [Fact]
    public async Task Where_used_lists_the_visible_rules_with_their_groups_and_the_count_counts_all()
    {
        var office = await NewAsync("office", null, "10.0.0.0/8");
        var web = await host.NewGroupAsync(name: "web");
        await UseAsync(web.Id, office.Id, 22);
        // A CloudAdmin may use any tenant's address group, in another tenant's group.
        var theirs = await host.NewGroupAsync(host.MemberB, "theirs");
        await UseAsync(theirs.Id, office.Id, 443, host.CloudAdmin);

        var uses = await Query.UsesAsync(host.MemberA, office.Id);
        var use = Assert.Single(uses);
        Assert.Equal((web.Id, "web", host.TenantA), (use.GroupId, use.GroupName, use.GroupTenantId));
        Assert.Equal("ALLOW IPv4 22/tcp from address group office, 1 address", use.Text);
        Assert.Equal(2, (await Query.GetAsync(host.MemberA, office.Id))!.UseCount);
        Assert.Equal(2, (await Query.UsesAsync(host.CloudAdmin, office.Id)).Count);
    }

    [Fact]
    public async Task Choices_and_labels_give_the_address_counts()
    {
        var office = await NewAsync("office", null, "10.0.0.0/8", "172.16.0.0/12");
        var empty = await NewAsync("", null);

        var choices = await Query.ChoicesAsync(host.MemberA, host.TenantA);
        Assert.Equal([empty.Id, office.Id], choices.Select(c => c.Id));
        Assert.Equal("address group office, 2 addresses", choices[1].RemoteText);
        Assert.Equal($"address group {empty.Id[..8]}, no addresses", choices[0].RemoteText);
        var labels = await Query.LabelsAsync(host.ReaderA, [office.Id, office.Id, "missing"]);
        Assert.Equal(2, Assert.Single(labels).Value.AddressCount);
    }

    [Fact]
    public async Task The_foreign_key_refuses_removing_an_address_group_a_rule_still_names()
    {
        var office = await NewAsync("office", null, "10.0.0.0/8");
        var web = await host.NewGroupAsync();
        await UseAsync(web.Id, office.Id, 22);

        // The service answers first (409 AddressGroupInUse); underneath it, the database refuses as well.
        await ServiceTestHost.AssertFails(() => host.AddressGroups.DeleteAsync(host.MemberA, office.Id), 409, "AddressGroupInUse",
            $"Address group {office.Id} is in use on one or more security group rules.");
        await using var db = host.NewDb();
        db.AddressGroups.Remove(await db.AddressGroups.SingleAsync(g => g.Id == office.Id));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        await using var check = host.NewDb();
        Assert.Equal(1, await check.AddressGroups.CountAsync());
        Assert.Equal(1, await check.SecurityGroupRules.CountAsync(r => r.RemoteAddressGroupId == office.Id));
    }

    [Fact]
    public async Task A_rule_cannot_name_an_address_group_that_does_not_exist_even_bypassing_the_service()
    {
        var web = await host.NewGroupAsync(startEmpty: true);
        await using var db = host.NewDb();
        db.SecurityGroupRules.Add(new Data.SecurityGroups.SecurityGroupRule
        {
            Id = Data.SecurityGroups.SecurityGroupRule.NewId(), SecurityGroupId = web.Id, TenantId = host.TenantA, Direction = "ingress",
            Ethertype = "IPv4", RemoteAddressGroupId = "00000000-0000-0000-0000-000000000000", DuplicateKey = "k",
        });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }
}
