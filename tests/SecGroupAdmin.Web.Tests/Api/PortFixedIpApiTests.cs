using System.Text.Json.Nodes;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// <c>fixed_ips</c> of <c>/v2.0/ports</c> over the real app: set on create and update (update replaces the list), shown by
/// show and list, selectable with <c>fields</c>, filtered with Neutron's <c>fixed_ips=ip_address=...</c>; bad input is a
/// 400 NeutronError, an address another port of the tenant has is 409 IpAddressInUse. The host is shared by the class:
/// each test uses its own addresses.
/// </summary>
public class PortFixedIpApiTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    /// <summary>A fresh host part for each case of a theory (the host, and so its ports, are shared by the class).</summary>
    private static int nextHost;

    private Task<(int Status, JsonNode? Body)> Send(string who, string method, string path, string? body = null) =>
        ApiTestHost.SendAsync(host.Client(who), method, path, body);

    private async Task<JsonNode> CreateAsync(string who, string fields)
    {
        var (status, body) = await Send(who, "POST", "/v2.0/ports", "{\"port\": {\"network_id\": \"net-1\"" + fields + "}}");
        Assert.True(status == 201, body?.ToJsonString());
        return body!["port"]!;
    }

    private static string[] Addresses(JsonNode? port) => [.. port!["fixed_ips"]!.AsArray().Select(e => (string)e!["ip_address"]!)];

    private static void AssertError(int status, JsonNode? body, int expectedStatus, string type, string? message = null)
    {
        Assert.True(status == expectedStatus, body?.ToJsonString());
        Assert.Equal(type, (string?)body?["NeutronError"]?["type"]);
        if (message is not null)
        {
            Assert.Equal(message, (string?)body?["NeutronError"]?["message"]);
        }
    }

    [Fact]
    public async Task Create_show_and_update_carry_fixed_ips()
    {
        var port = await CreateAsync("memberA", ", \"fixed_ips\": [{\"ip_address\": \"10.1.0.5\"}, {\"ip_address\": \"2001:DB8::A\"}]");
        var id = (string)port["id"]!;
        Assert.Equal(["10.1.0.5", "2001:db8::a"], Addresses(port));

        var (_, shown) = await Send("readerA", "GET", $"/v2.0/ports/{id}");
        Assert.Equal(["10.1.0.5", "2001:db8::a"], Addresses(shown!["port"]));

        var (status, updated) = await Send("memberA", "PUT", $"/v2.0/ports/{id}", "{\"port\": {\"fixed_ips\": [{\"ip_address\": \"10.1.0.6\"}]}}");
        Assert.Equal(200, status);
        Assert.Equal(["10.1.0.6"], Addresses(updated!["port"]));

        (status, updated) = await Send("memberA", "PUT", $"/v2.0/ports/{id}", "{\"port\": {\"name\": \"renamed\"}}");
        Assert.Equal(200, status);
        Assert.Equal(["10.1.0.6"], Addresses(updated!["port"]));

        (status, updated) = await Send("memberA", "PUT", $"/v2.0/ports/{id}", "{\"port\": {\"fixed_ips\": []}}");
        Assert.Equal(200, status);
        Assert.Empty(Addresses(updated!["port"]));
    }

    [Fact]
    public async Task A_port_created_without_fixed_ips_shows_an_empty_list()
    {
        var port = await CreateAsync("memberA", "");

        Assert.Equal("[]", port["fixed_ips"]!.ToJsonString());
    }

    [Fact]
    public async Task List_filters_by_fixed_ips_and_fields_selects_them()
    {
        var port = await CreateAsync("memberA", ", \"name\": \"filtered\", \"fixed_ips\": [{\"ip_address\": \"10.2.0.5\"}, {\"ip_address\": \"2001:db8::2:5\"}]");
        await CreateAsync("memberA", ", \"fixed_ips\": [{\"ip_address\": \"10.2.0.6\"}]");
        var id = (string)port["id"]!;

        var (status, list) = await Send("readerA", "GET", "/v2.0/ports?fixed_ips=ip_address%3D10.2.0.5");
        Assert.Equal(200, status);
        Assert.Equal([id], list!["ports"]!.AsArray().Select(p => (string)p!["id"]!));

        (_, list) = await Send("readerA", "GET", "/v2.0/ports?fixed_ips=ip_address=2001:DB8::2:5&fields=id&fields=fixed_ips");
        var only = Assert.Single(list!["ports"]!.AsArray());
        Assert.Equal(["fixed_ips", "id"], only!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(["10.2.0.5", "2001:db8::2:5"], Addresses(only));

        (_, list) = await Send("readerA", "GET", "/v2.0/ports?fixed_ips=ip_address=10.2.0.5&fixed_ips=ip_address=10.2.0.6&fields=id");
        Assert.Equal(2, list!["ports"]!.AsArray().Count);

        (_, list) = await Send("readerA", "GET", "/v2.0/ports?fixed_ips=ip_address_substr=10.2.0.&fields=fixed_ips&limit=10");
        Assert.Equal(2, list!["ports"]!.AsArray().Count);

        (_, list) = await Send("readerA", "GET", $"/v2.0/ports?fixed_ips=subnet_id={Guid.Empty}");
        Assert.Empty(list!["ports"]!.AsArray());

        var (_, shown) = await Send("readerA", "GET", $"/v2.0/ports/{id}?fields=fixed_ips");
        Assert.Equal(["fixed_ips"], shown!["port"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Another_tenant_does_not_find_the_port_by_its_address()
    {
        await CreateAsync("memberA", ", \"fixed_ips\": [{\"ip_address\": \"10.3.0.5\"}]");

        var (_, list) = await Send("memberB", "GET", "/v2.0/ports?fixed_ips=ip_address=10.3.0.5");

        Assert.Empty(list!["ports"]!.AsArray());
    }

    [Theory]
    [InlineData("fixed_ips=10.0.0.5", "Invalid input for operation: '10.0.0.5' is not of the form <key>=[value].")]
    [InlineData("fixed_ips=mac=1", "Invalid input for operation: 'mac' is not a fixed_ips filter (ip_address, ip_address_substr, subnet_id).")]
    public async Task A_malformed_filter_is_400(string query, string message)
    {
        var (status, body) = await Send("readerA", "GET", "/v2.0/ports?" + query);

        AssertError(status, body, 400, "InvalidInput", message);
    }

    [Theory]
    [InlineData("[{\"ip_address\": \"10.4.0.0/24\"}]", "Invalid input for fixed_ips. Reason: '10.4.0.0/24' is not a valid IP address.")]
    [InlineData("[{\"ip_address\": \"10.4.0.1\"}, {\"ip_address\": \"10.4.0.1\"}]", "Invalid input for fixed_ips. Reason: Duplicate IP address '10.4.0.1'.")]
    [InlineData("[{\"ip_address\": 5}]", "Invalid input for fixed_ips. Reason: '5' is not a valid IP address.")]
    [InlineData("\"10.4.0.1\"", "Invalid input for fixed_ips. Reason: Invalid data format for fixed IP: '10.4.0.1'.")]
    [InlineData("[\"10.4.0.1\"]", "Invalid input for fixed_ips. Reason: Invalid data format for fixed IP: '10.4.0.1'.")]
    [InlineData("[{}]", "Invalid input for fixed_ips. Reason: each fixed IP needs its ip_address (SecGroupAdmin has no subnets to allocate one from).")]
    [InlineData("[{\"ip_address\": \"10.4.0.1\", \"subnet_id\": \"00000000-0000-0000-0000-000000000000\"}]",
        "Invalid input for fixed_ips. Reason: SecGroupAdmin has no subnets: give each fixed IP as {\"ip_address\": \"<address>\"} alone.")]
    public async Task Bad_fixed_ips_are_400_on_create_and_update_and_write_nothing(string fixedIps, string message)
    {
        var kept = $"10.4.9.{Interlocked.Increment(ref nextHost)}";
        var port = await CreateAsync("memberA", ", \"name\": \"keep\", \"fixed_ips\": [{\"ip_address\": \"" + kept + "\"}]");
        var id = (string)port["id"]!;

        var (status, body) = await Send("memberA", "POST", "/v2.0/ports", "{\"port\": {\"network_id\": \"net-1\", \"name\": \"bad\", \"fixed_ips\": " + fixedIps + "}}");
        AssertError(status, body, 400, "HTTPBadRequest", message);
        (status, body) = await Send("memberA", "PUT", $"/v2.0/ports/{id}", "{\"port\": {\"name\": \"changed\", \"fixed_ips\": " + fixedIps + "}}");
        AssertError(status, body, 400, "HTTPBadRequest", message);

        var (_, shown) = await Send("memberA", "GET", $"/v2.0/ports/{id}");
        Assert.Equal("keep", (string?)shown!["port"]!["name"]);
        Assert.Equal([kept], Addresses(shown["port"]));
        var (_, named) = await Send("memberA", "GET", "/v2.0/ports?name=bad");
        Assert.Empty(named!["ports"]!.AsArray());
    }

    [Fact]
    public async Task An_address_in_use_in_the_tenant_is_409_and_another_tenant_may_use_it()
    {
        var first = await CreateAsync("memberA", ", \"fixed_ips\": [{\"ip_address\": \"10.5.0.5\"}]");
        var second = await CreateAsync("memberA", ", \"fixed_ips\": [{\"ip_address\": \"10.5.0.6\"}]");

        var (status, body) = await Send("memberA", "POST", "/v2.0/ports", "{\"port\": {\"network_id\": \"net-7\", \"fixed_ips\": [{\"ip_address\": \"10.5.0.5\"}]}}");
        AssertError(status, body, 409, "IpAddressInUse", "Unable to complete operation for network net-7. The IP address 10.5.0.5 is in use.");
        (status, body) = await Send("memberA", "PUT", $"/v2.0/ports/{second["id"]}", "{\"port\": {\"fixed_ips\": [{\"ip_address\": \"10.5.0.5\"}]}}");
        AssertError(status, body, 409, "IpAddressInUse", "Unable to complete operation for network net-1. The IP address 10.5.0.5 is in use.");

        var other = await CreateAsync("memberB", ", \"fixed_ips\": [{\"ip_address\": \"10.5.0.5\"}]");
        Assert.Equal(["10.5.0.5"], Addresses(other));
        Assert.Equal(["10.5.0.5"], Addresses(first));
    }

    [Fact]
    public async Task Only_writers_of_the_tenant_set_addresses()
    {
        var port = await CreateAsync("memberA", ", \"fixed_ips\": [{\"ip_address\": \"10.6.0.5\"}]");
        var body = "{\"port\": {\"fixed_ips\": [{\"ip_address\": \"10.6.0.9\"}]}}";

        var (status, error) = await Send("readerA", "PUT", $"/v2.0/ports/{port["id"]}", body);
        AssertError(status, error, 403, "PolicyNotAuthorized");
        (status, error) = await Send("memberB", "PUT", $"/v2.0/ports/{port["id"]}", body);
        AssertError(status, error, 404, "PortNotFound");
        (status, error) = await Send("auditor", "PUT", $"/v2.0/ports/{port["id"]}", body);
        AssertError(status, error, 403, "PolicyNotAuthorized");
        (status, error) = await Send("readerA", "POST", "/v2.0/ports", "{\"port\": {\"network_id\": \"n\", \"fixed_ips\": [{\"ip_address\": \"10.6.0.7\"}]}}");
        AssertError(status, error, 403, "PolicyNotAuthorized");

        var (_, shown) = await Send("cloudAdmin", "GET", $"/v2.0/ports/{port["id"]}");
        Assert.Equal(["10.6.0.5"], Addresses(shown!["port"]));
        var (adminStatus, updated) = await Send("cloudAdmin", "PUT", $"/v2.0/ports/{port["id"]}", body);
        Assert.Equal(200, adminStatus);
        Assert.Equal(["10.6.0.9"], Addresses(updated!["port"]));
    }
}
