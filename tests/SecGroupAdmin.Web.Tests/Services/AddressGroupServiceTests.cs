using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data.AddressGroups;
using SecGroupAdmin.Domain.AddressGroups;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.AddressGroups;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Events;
using static SecGroupAdmin.Web.Tests.Services.ServiceTestHost;

namespace SecGroupAdmin.Web.Tests.Services;

/// <summary>
/// <see cref="AddressGroupService"/> against the database: all-or-nothing address changes, revisions as the reference
/// counts them, visibility and policy per caller kind, the audit entry and after-commit event of every write, and the
/// rules that use an address group (AddressGroupInUse, visibility of the remote, clone).
/// </summary>
public class AddressGroupServiceTests : IDisposable
{
    private const string Missing = "00000000-0000-0000-0000-000000000000";
    private readonly ServiceTestHost host;

    public AddressGroupServiceTests() : this(new ServiceTestHost())
    {
    }

    /// <summary>For the same tests on another database (see PostgreSqlServiceTests).</summary>
    protected AddressGroupServiceTests(ServiceTestHost host) => this.host = host;

    private AddressGroupService Service => host.AddressGroups;

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    private Task<AddressGroup> NewAsync(Caller? caller = null, string name = "office", params string[] addresses) =>
        Service.CreateAsync(caller ?? host.MemberA, new AddressGroupCreateRequest
        {
            Name = InputValue.FromString(name),
            Addresses = AddressListInput.FromStrings(addresses),
        });

    private static AddressListInput Addresses(params string[] addresses) => AddressListInput.FromStrings(addresses);

    private List<string> Stored(string id)
    {
        using var db = host.NewDb();
        return [.. db.AddressGroupAddresses.Where(a => a.AddressGroupId == id).OrderBy(a => a.Position).Select(a => a.Address)];
    }

    private List<Data.Audit.AuditEntry> Audit(string id)
    {
        using var db = host.NewDb();
        return [.. db.AuditEntries.Where(a => a.ResourceId == id).OrderBy(a => a.Id)];
    }

    [Fact]
    public async Task Create_stores_networks_once_in_request_order_with_an_audit_entry_and_an_after_event()
    {
        var events = new List<ResourceEvent>();
        using var _ = host.Events.Subscribe(EventPhase.After, (e, _) => { events.Add(e); return Task.CompletedTask; }, ResourceTypes.AddressGroup);

        var group = await NewAsync(addresses: ["10.1.2.3/16", "2001:DB8::1/32", "10.1.0.0/16"]);

        Assert.Equal(["10.1.0.0/16", "2001:db8::/32"], Stored(group.Id));
        Assert.Equal(2, group.RevisionNumber);
        Assert.Equal(host.TenantA, group.TenantId);
        var audit = Assert.Single(Audit(group.Id));
        Assert.Equal((ResourceActions.Create, ResourceTypes.AddressGroup, host.TenantA), (audit.Action, audit.ResourceType, audit.TenantId));
        Assert.Equal(["10.1.0.0/16", "2001:db8::/32"], JsonDocument.Parse(audit.AfterJson!).RootElement.GetProperty("addresses").EnumerateArray().Select(a => a.GetString()));
        var e = Assert.Single(events);
        Assert.Equal((ResourceActions.Create, group.Id, host.TenantA), (e.Action, e.ResourceId, e.TenantId));
    }

    [Fact]
    public async Task A_refused_create_writes_nothing()
    {
        await AssertFails(() => NewAsync(addresses: ["10.0.0.0/8", "192.168.1.5"]), 400, "HTTPBadRequest",
            "Invalid input for addresses. Reason: '192.168.1.5' isn't a recognized IP subnet cidr, '192.168.1.5/32' is recommended.");
        using var db = host.NewDb();
        Assert.Equal(0, await db.AddressGroups.CountAsync());
        Assert.Equal(0, await db.AddressGroupAddresses.CountAsync());
        Assert.Equal(0, host.AuditCount());
    }

    [Fact]
    public async Task Add_is_all_or_nothing()
    {
        var group = await NewAsync(addresses: ["10.1.0.0/16"]);
        var audits = Audit(group.Id).Count;

        await AssertFails(() => Service.AddAddressesAsync(host.MemberA, group.Id, Addresses("10.3.0.0/16", "10.1.5.5/16", "10.4.0.0/16")),
            400, "AddressesAlreadyExist", $"Addresses ['10.1.0.0/16'] already exist in the address group {group.Id}.");
        await AssertFails(() => Service.AddAddressesAsync(host.MemberA, group.Id, Addresses("10.3.0.0/16", "abc")), 400, "AddrFormatError", "invalid IPNetwork abc");

        Assert.Equal(["10.1.0.0/16"], Stored(group.Id));
        Assert.Equal(1, (await Service.GetAsync(host.MemberA, group.Id)).RevisionNumber);
        Assert.Equal(audits, Audit(group.Id).Count);
    }

    [Fact]
    public async Task Remove_is_all_or_nothing()
    {
        var group = await NewAsync(addresses: ["10.1.0.0/16", "10.2.0.0/16"]);

        await AssertFails(() => Service.RemoveAddressesAsync(host.MemberA, group.Id, Addresses("10.1.0.0/16", "10.9.0.0/16", "10.8.0.0/16")),
            404, "AddressesNotFound", $"Addresses ['10.9.0.0/16', '10.8.0.0/16'] not found in the address group {group.Id}.");

        Assert.Equal(["10.1.0.0/16", "10.2.0.0/16"], Stored(group.Id));
    }

    [Fact]
    public async Task Revisions_count_changed_addresses_and_updates_and_no_op_changes_write_nothing()
    {
        var group = await NewAsync(addresses: ["10.0.0.0/8", "10.20.0.0/16"]);
        Assert.Equal(2, group.RevisionNumber);
        Assert.Equal(3, (await Service.UpdateAsync(host.MemberA, group.Id, new AddressGroupUpdateRequest { Name = InputValue.FromString("rev2") })).RevisionNumber);
        var added = await Service.AddAddressesAsync(host.MemberA, group.Id, Addresses("10.30.0.0/16", "2001:DB8::5", "10.30.1.1/16"));
        Assert.Equal(5, added.RevisionNumber);
        Assert.Equal(["10.0.0.0/8", "10.20.0.0/16", "10.30.0.0/16", "2001:db8::5/128"], added.Addresses.Select(a => a.Address));
        var audits = Audit(group.Id).Count;

        Assert.Equal(5, (await Service.AddAddressesAsync(host.MemberA, group.Id, Addresses())).RevisionNumber);
        Assert.Equal(5, (await Service.RemoveAddressesAsync(host.MemberA, group.Id, Addresses())).RevisionNumber);
        Assert.Equal(audits, Audit(group.Id).Count);

        var removed = await Service.RemoveAddressesAsync(host.MemberA, group.Id, Addresses("10.0.0.1/8"));
        Assert.Equal(6, removed.RevisionNumber);
        Assert.Equal(["10.20.0.0/16", "10.30.0.0/16", "2001:db8::5/128"], Stored(group.Id));
        var audit = Audit(group.Id).Last();
        Assert.Equal(ResourceActions.Update, audit.Action);
        Assert.Contains("10.0.0.0/8", audit.BeforeJson!, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.0/8", audit.AfterJson!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_tenant_and_outsiders_do_not_find_it_readers_and_the_auditor_read_it_and_may_not_write()
    {
        var group = await NewAsync(addresses: ["10.0.0.0/8"]);
        var notFound = $"Address group {group.Id} could not be found.";

        foreach (var caller in new[] { host.MemberB, host.Outsider })
        {
            await AssertFails(() => Service.GetAsync(caller, group.Id), 404, "AddressGroupNotFound", notFound);
            await AssertFails(() => Service.AddAddressesAsync(caller, group.Id, Addresses("10.1.0.0/16")), 404, "AddressGroupNotFound", notFound);
            await AssertFails(() => Service.DeleteAsync(caller, group.Id), 404, "AddressGroupNotFound", notFound);
            Assert.Empty(await Service.ListAsync(caller));
        }
        foreach (var caller in new[] { host.ReaderA, host.Auditor })
        {
            Assert.Equal(group.Id, (await Service.GetAsync(caller, group.Id)).Id);
            await AssertFails(() => Service.UpdateAsync(caller, group.Id, new AddressGroupUpdateRequest { Name = InputValue.FromString("x") }),
                403, "PolicyNotAuthorized", "rule:update_address_group is disallowed by policy");
            await AssertFails(() => Service.AddAddressesAsync(caller, group.Id, Addresses("10.1.0.0/16")), 403, "PolicyNotAuthorized", "rule:add_addresses is disallowed by policy");
            await AssertFails(() => Service.RemoveAddressesAsync(caller, group.Id, Addresses("10.0.0.0/8")), 403, "PolicyNotAuthorized", "rule:remove_addresses is disallowed by policy");
            await AssertFails(() => Service.DeleteAsync(caller, group.Id), 403, "PolicyNotAuthorized", "rule:delete_address_group is disallowed by policy");
        }
        await AssertFails(() => NewAsync(host.ReaderA), 403, "PolicyNotAuthorized", "rule:create_address_group is disallowed by policy");
        Assert.Equal(["10.0.0.0/8"], Stored(group.Id));
        Assert.Single(await Service.ListAsync(host.Auditor));
    }

    [Fact]
    public async Task CloudAdmin_creates_in_another_tenant_and_changes_it()
    {
        var group = await Service.CreateAsync(host.CloudAdmin, new AddressGroupCreateRequest { Name = InputValue.FromString("b"), ProjectId = host.TenantB });
        Assert.Equal(host.TenantB, group.TenantId);
        await Service.AddAddressesAsync(host.CloudAdmin, group.Id, Addresses("172.16.0.0/12"));
        Assert.Equal(["172.16.0.0/12"], (await Service.GetAsync(host.MemberB, group.Id)).Addresses.Select(a => a.Address));
        await Service.DeleteAsync(host.CloudAdmin, group.Id);
        await AssertFails(() => Service.GetAsync(host.MemberB, group.Id), 404, "AddressGroupNotFound");
    }

    [Fact]
    public async Task In_use_by_a_rule_it_cannot_be_deleted_and_the_refusal_writes_nothing()
    {
        var group = await NewAsync(addresses: ["10.0.0.0/8"]);
        var sg = await host.NewGroupAsync();
        var input = Rule(sg.Id, port: 443);
        input.RemoteAddressGroupId = InputValue.FromString(group.Id);
        var rule = await host.Service.CreateRuleAsync(host.MemberA, input);
        Assert.Equal(group.Id, rule.RemoteAddressGroupId);
        var audits = host.AuditCount();

        await AssertFails(() => Service.DeleteAsync(host.MemberA, group.Id), 409, "AddressGroupInUse",
            $"Address group {group.Id} is in use on one or more security group rules.");
        Assert.Equal(audits, host.AuditCount());

        await host.Service.DeleteRuleAsync(host.MemberA, rule.Id);
        await Service.DeleteAsync(host.MemberA, group.Id);
        using var db = host.NewDb();
        Assert.False(await db.AddressGroups.AnyAsync(g => g.Id == group.Id));
        Assert.False(await db.AddressGroupAddresses.AnyAsync(a => a.AddressGroupId == group.Id));
        Assert.Equal(ResourceActions.Delete, Audit(group.Id).Last().Action);
    }

    [Fact]
    public async Task A_rule_may_use_its_own_tenants_address_group_a_CloudAdmin_any()
    {
        var groupOfA = await NewAsync(addresses: ["10.0.0.0/8"]);
        var sgOfB = await host.NewGroupAsync(host.MemberB, "b");
        var input = Rule(sgOfB.Id, port: 22);
        input.RemoteAddressGroupId = InputValue.FromString(groupOfA.Id);

        await AssertFails(() => host.Service.CreateRuleAsync(host.MemberB, input), 404, "AddressGroupNotFound", $"Address group {groupOfA.Id} could not be found.");
        var unknown = Rule(sgOfB.Id, port: 23);
        unknown.RemoteAddressGroupId = InputValue.FromString(Missing);
        await AssertFails(() => host.Service.CreateRuleAsync(host.MemberB, unknown), 404, "AddressGroupNotFound", $"Address group {Missing} could not be found.");

        var rule = await host.Service.CreateRuleAsync(host.CloudAdmin, input, host.TenantB);
        Assert.Equal(groupOfA.Id, rule.RemoteAddressGroupId);
        await AssertFails(() => Service.DeleteAsync(host.MemberA, groupOfA.Id), 409, "AddressGroupInUse");
    }

    [Fact]
    public async Task Address_group_rules_are_duplicates_only_of_the_same_address_group_and_survive_a_clone()
    {
        var office = await NewAsync(addresses: ["10.0.0.0/8"]);
        var home = await NewAsync(name: "home", addresses: ["192.168.0.0/16"]);
        var sg = await host.NewGroupAsync();
        RuleInput From(string addressGroupId)
        {
            var input = Rule(sg.Id, port: 22);
            input.RemoteAddressGroupId = InputValue.FromString(addressGroupId);
            return input;
        }
        var first = await host.Service.CreateRuleAsync(host.MemberA, From(office.Id));
        await AssertFails(() => host.Service.CreateRuleAsync(host.MemberA, From(office.Id)), 409, "SecurityGroupRuleExists",
            $"Security group rule already exists. Rule id is {first.Id}.");
        await host.Service.CreateRuleAsync(host.MemberA, From(home.Id));
        await host.Service.CreateRuleAsync(host.MemberA, Rule(sg.Id, port: 22));

        var copy = await host.Service.CloneGroupAsync(host.MemberA, sg.Id, "copy");

        Assert.Equal(new[] { null, home.Id, office.Id }.Order(StringComparer.Ordinal), copy.Rules.Where(r => r.PortRangeMin == 22).Select(r => r.RemoteAddressGroupId).Order(StringComparer.Ordinal));
    }
}
