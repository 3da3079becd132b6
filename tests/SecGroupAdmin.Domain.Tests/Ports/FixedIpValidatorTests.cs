using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Ports;

namespace SecGroupAdmin.Domain.Tests.Ports;

/// <summary>A port's fixed IPs: valid addresses only (not networks), normalized, each once per port.</summary>
public class FixedIpValidatorTests
{
    public static TheoryData<string, string> StoredForms => new()
    {
        { "10.0.0.5", "10.0.0.5" },
        { "0.0.0.0", "0.0.0.0" },
        { "255.255.255.255", "255.255.255.255" },
        { "2001:DB8::1", "2001:db8::1" },
        { "2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1" },
        { "FE80::A", "fe80::a" },
        { "::1", "::1" },
        { "::ffff:10.0.0.1", "::ffff:10.0.0.1" },
    };

    [Theory]
    [MemberData(nameof(StoredForms))]
    public void Valid_addresses_are_stored_normalized(string address, string stored)
    {
        Assert.Null(FixedIpValidator.Validate([address], out var normalized));
        Assert.Equal([stored], normalized);
    }

    [Theory]
    [InlineData("10.0.0.5/32")]
    [InlineData("10.0.0.0/24")]
    [InlineData("2001:db8::/64")]
    [InlineData("10.0.0")]
    [InlineData("10.0.0.256")]
    [InlineData("010.0.0.1")]
    [InlineData("10.0.0.5 ")]
    [InlineData(" 10.0.0.5")]
    [InlineData("1")]
    [InlineData("0x0a.0.0.1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("[::1]")]
    [InlineData("2001:db8::g")]
    [InlineData("::ffff:10.0.0.256")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("web-1")]
    [InlineData("")]
    public void Invalid_addresses_are_refused_with_the_reason(string address)
    {
        var error = FixedIpValidator.Validate(["10.0.0.1", address], out var normalized);

        Assert.NotNull(error);
        Assert.Equal(400, error.Status);
        Assert.Equal(NeutronErrorTypes.HttpBadRequest, error.Type);
        Assert.Equal("fixed_ips", error.Field);
        Assert.Equal($"Invalid input for fixed_ips. Reason: '{address}' is not a valid IP address.", error.Message);
        Assert.Empty(normalized);
    }

    [Fact]
    public void The_same_address_twice_is_refused_also_when_written_differently()
    {
        var same = FixedIpValidator.Validate(["10.0.0.5", "10.0.0.5"], out _);
        var spelled = FixedIpValidator.Validate(["2001:db8::1", "2001:DB8:0::1"], out _);

        Assert.Equal("Invalid input for fixed_ips. Reason: Duplicate IP address '10.0.0.5'.", same?.Message);
        Assert.Equal("Invalid input for fixed_ips. Reason: Duplicate IP address '2001:DB8:0::1'.", spelled?.Message);
    }

    [Fact]
    public void Several_addresses_of_both_families_keep_their_order()
    {
        Assert.Null(FixedIpValidator.Validate(["10.0.0.7", "2001:DB8::7", "10.0.0.2"], out var normalized));
        Assert.Equal(["10.0.0.7", "2001:db8::7", "10.0.0.2"], normalized);
    }

    [Fact]
    public void No_addresses_is_valid()
    {
        Assert.Null(FixedIpValidator.Validate([], out var normalized));
        Assert.Empty(normalized);
    }

    [Fact]
    public void Normalize_gives_the_reason_for_one_field()
    {
        Assert.Null(FixedIpValidator.Normalize("2001:DB8::5", out var stored));
        Assert.Equal("2001:db8::5", stored);
        Assert.Equal("'10.0.0.0/8' is not a valid IP address", FixedIpValidator.Normalize("10.0.0.0/8", out _));
    }

    [Fact]
    public void The_in_use_error_is_neutrons()
    {
        var error = NeutronErrors.IpAddressInUse("net-1", "10.0.0.5");

        Assert.Equal("IpAddressInUse", error.Type);
        Assert.Equal(409, error.Status);
        Assert.Equal("Unable to complete operation for network net-1. The IP address 10.0.0.5 is in use.", error.Message);
    }
}
