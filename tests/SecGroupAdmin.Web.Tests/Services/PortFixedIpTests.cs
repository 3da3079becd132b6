using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data.Ports;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Ports;
using static SecGroupAdmin.Web.Tests.Services.ServiceTestHost;

namespace SecGroupAdmin.Web.Tests.Services;

/// <summary>
/// A port's fixed IPs through <see cref="PortService"/>, the one write path: checked and normalized, replaced on update,
/// unique per tenant (also when two ports race for one address: the unique index decides), audited, all or nothing.
/// </summary>
public class PortFixedIpTests : IDisposable
{
    private readonly ServiceTestHost host;

    public PortFixedIpTests() : this(new ServiceTestHost())
    {
    }

    /// <summary>For the same tests on another database (see PostgreSqlServiceTests).</summary>
    protected PortFixedIpTests(ServiceTestHost host) => this.host = host;

    private PortService Ports => host.Ports;

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    private Task<Port> CreateAsync(string name, params string[] addresses) =>
        Ports.CreatePortAsync(host.MemberA, new PortCreateRequest { Name = name, NetworkId = "net-1", FixedIps = addresses });

    private static string[] Addresses(Port port) => [.. port.FixedIps.OrderBy(f => f.Position).Select(f => f.IpAddress)];

    private int FixedIpRows()
    {
        using var db = host.NewDb();
        return db.PortFixedIps.Count();
    }

    [Fact]
    public async Task Create_stores_the_addresses_normalized_in_order()
    {
        var port = await CreateAsync("web-1", "10.0.0.5", "2001:DB8::5");

        var stored = await Ports.GetPortAsync(host.ReaderA, port.Id);
        Assert.Equal(["10.0.0.5", "2001:db8::5"], Addresses(stored));
    }

    [Fact]
    public async Task Update_replaces_the_list_and_null_leaves_it()
    {
        var port = await CreateAsync("web-1", "10.0.0.5", "10.0.0.6");

        await Ports.UpdatePortAsync(host.MemberA, port.Id, new PortUpdateRequest { FixedIps = ["10.0.0.7", "10.0.0.5"] });
        Assert.Equal(["10.0.0.7", "10.0.0.5"], Addresses(await Ports.GetPortAsync(host.MemberA, port.Id)));

        await Ports.UpdatePortAsync(host.MemberA, port.Id, new PortUpdateRequest { Name = "renamed" });
        Assert.Equal(["10.0.0.7", "10.0.0.5"], Addresses(await Ports.GetPortAsync(host.MemberA, port.Id)));

        await Ports.UpdatePortAsync(host.MemberA, port.Id, new PortUpdateRequest { FixedIps = [] });
        Assert.Empty(Addresses(await Ports.GetPortAsync(host.MemberA, port.Id)));
        Assert.Equal(0, FixedIpRows());
    }

    [Fact]
    public async Task An_address_another_port_of_the_tenant_has_is_IpAddressInUse_and_nothing_is_written()
    {
        var first = await CreateAsync("web-1", "10.0.0.5");
        var second = await CreateAsync("web-2", "10.0.0.6");
        var audits = host.AuditCount();

        await AssertFails(() => CreateAsync("web-3", "10.0.0.9", "10.0.0.5"), 409, NeutronErrorTypes.IpAddressInUse,
            "Unable to complete operation for network net-1. The IP address 10.0.0.5 is in use.");
        await AssertFails(() => Ports.UpdatePortAsync(host.MemberA, second.Id, new PortUpdateRequest { Name = "x", FixedIps = ["10.0.0.5"] }),
            409, NeutronErrorTypes.IpAddressInUse);

        Assert.Equal(2, (await Ports.ListPortsAsync(host.MemberA, host.TenantA)).Count);
        var unchanged = await Ports.GetPortAsync(host.MemberA, second.Id);
        Assert.Equal("web-2", unchanged.Name);
        Assert.Equal(["10.0.0.6"], Addresses(unchanged));
        Assert.Equal(audits, host.AuditCount());
        Assert.Equal(["10.0.0.5"], Addresses(await Ports.GetPortAsync(host.MemberA, first.Id)));
    }

    [Fact]
    public async Task An_address_written_differently_is_still_in_use()
    {
        await CreateAsync("v6", "2001:db8::1");

        await AssertFails(() => CreateAsync("v6-again", "2001:DB8:0:0::1"), 409, NeutronErrorTypes.IpAddressInUse,
            "Unable to complete operation for network net-1. The IP address 2001:db8::1 is in use.");
    }

    [Fact]
    public async Task Another_tenant_may_use_the_same_address()
    {
        await CreateAsync("a", "10.0.0.5");

        var b = await Ports.CreatePortAsync(host.MemberB, new PortCreateRequest { NetworkId = "net-b", FixedIps = ["10.0.0.5"] });

        Assert.Equal(["10.0.0.5"], Addresses(b));
    }

    [Fact]
    public async Task A_port_keeps_its_own_addresses_on_update_and_frees_them_on_delete()
    {
        var port = await CreateAsync("web-1", "10.0.0.5");
        await Ports.UpdatePortAsync(host.MemberA, port.Id, new PortUpdateRequest { FixedIps = ["10.0.0.5", "10.0.0.8"] });

        await Ports.DeletePortAsync(host.MemberA, port.Id);
        Assert.Equal(0, FixedIpRows());

        var again = await CreateAsync("web-2", "10.0.0.5");
        Assert.Equal(["10.0.0.5"], Addresses(again));
    }

    [Theory]
    [InlineData("10.0.0.0/24", "Invalid input for fixed_ips. Reason: '10.0.0.0/24' is not a valid IP address.")]
    [InlineData("10.0.0.300", "Invalid input for fixed_ips. Reason: '10.0.0.300' is not a valid IP address.")]
    [InlineData("10.0.0.1", "Invalid input for fixed_ips. Reason: Duplicate IP address '10.0.0.1'.")]
    public async Task Bad_addresses_are_400_and_write_nothing(string second, string message)
    {
        var port = await CreateAsync("web-1", "10.0.0.2");

        var error = await AssertFails(() => CreateAsync("bad", "10.0.0.1", second), 400, NeutronErrorTypes.HttpBadRequest, message);
        await AssertFails(() => Ports.UpdatePortAsync(host.MemberA, port.Id, new PortUpdateRequest { FixedIps = ["10.0.0.1", second] }),
            400, NeutronErrorTypes.HttpBadRequest, message);

        Assert.Equal("fixed_ips", error.Field);
        Assert.Single(await Ports.ListPortsAsync(host.MemberA, host.TenantA));
        Assert.Equal(["10.0.0.2"], Addresses(await Ports.GetPortAsync(host.MemberA, port.Id)));
    }

    [Fact]
    public async Task The_audit_entry_has_the_addresses_before_and_after()
    {
        var port = await CreateAsync("web-1", "10.0.0.5");
        await Ports.UpdatePortAsync(host.MemberA, port.Id, new PortUpdateRequest { FixedIps = ["10.0.0.6"] });

        using var db = host.NewDb();
        var update = await db.AuditEntries.AsNoTracking().Where(a => a.ResourceId == port.Id && a.Action == "update").SingleAsync();
        Assert.Contains("\"fixed_ips\":[{\"ip_address\":\"10.0.0.5\"}]", update.BeforeJson, StringComparison.Ordinal);
        Assert.Contains("\"fixed_ips\":[{\"ip_address\":\"10.0.0.6\"}]", update.AfterJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_may_not_set_addresses_and_another_tenant_does_not_see_the_port()
    {
        var port = await CreateAsync("web-1", "10.0.0.5");

        await AssertFails(() => Ports.UpdatePortAsync(host.ReaderA, port.Id, new PortUpdateRequest { FixedIps = ["10.0.0.9"] }),
            403, NeutronErrorTypes.PolicyNotAuthorized);
        await AssertFails(() => Ports.UpdatePortAsync(host.MemberB, port.Id, new PortUpdateRequest { FixedIps = ["10.0.0.9"] }),
            404, NeutronErrorTypes.PortNotFound);
        Assert.Equal(["10.0.0.5"], Addresses(await Ports.GetPortAsync(host.MemberA, port.Id)));
    }

    [Fact]
    public async Task Ports_racing_for_one_address_give_one_port_and_IpAddressInUse_for_the_others()
    {
        var tasks = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await CreateAsync($"race-{i}", "10.9.9.9");
                return (string?)null;
            }
            catch (NeutronException ex)
            {
                return ex.Error.Type;
            }
        })).ToList();
        var results = await Task.WhenAll(tasks);

        Assert.Single(results, r => r is null);
        Assert.All(results.Where(r => r is not null), r => Assert.Equal(NeutronErrorTypes.IpAddressInUse, r));
        Assert.Equal(1, FixedIpRows());
        Assert.Single(await Ports.ListPortsAsync(host.MemberA, host.TenantA));
    }

    [Fact]
    public async Task The_unique_index_refuses_a_second_row_for_an_address_of_the_tenant()
    {
        var port = await CreateAsync("web-1", "10.0.0.5");
        var other = await CreateAsync("web-2");

        using var db = host.NewDb();
        db.PortFixedIps.Add(new PortFixedIp { PortId = other.Id, TenantId = host.TenantA, IpAddress = "10.0.0.5" });
        var ex = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.True(SecGroupAdmin.Web.Writes.DbErrors.IsUniqueViolation(ex));
        Assert.Equal(["10.0.0.5"], Addresses(await Ports.GetPortAsync(host.MemberA, port.Id)));
    }
}
