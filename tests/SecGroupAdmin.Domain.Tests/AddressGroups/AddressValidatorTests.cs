using SecGroupAdmin.Domain.AddressGroups;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Tests.AddressGroups;

/// <summary>
/// Address checks and normalisation of address groups as the reference (Zed) answered them (rows of
/// AddressGroupObservations in the Web tests; "obs n" names the row).
/// </summary>
public class AddressValidatorTests
{
    private static AddressListInput List(params string[] items) => AddressListInput.FromStrings(items);

    private static string Invalid(string reason) => $"Invalid input for addresses. Reason: {reason}.";

    public static TheoryData<string, string, string> StoredForms => new()
    {
        { "obs 2 host bits cleared", "10.1.2.3/16", "10.1.0.0/16" },
        { "obs 2 network kept", "192.168.0.0/24", "192.168.0.0/24" },
        { "obs 2 IPv6 lower-cased, host bits cleared", "2001:DB8::1/32", "2001:db8::/32" },
        { "obs 28 /0 of a host", "10.1.2.3/0", "0.0.0.0/0" },
        { "obs 28 /32", "1.2.3.4/32", "1.2.3.4/32" },
        { "obs 28 ::/0", "::/0", "::/0" },
        { "obs 28 IPv6 leading zeros", "2001:0DB8:0000::/32", "2001:db8::/32" },
        { "obs 28 IPv4-mapped", "::ffff:10.0.0.1/128", "::ffff:10.0.0.1/128" },
        { "obs 28 IPv4-compatible", "::10.0.0.1/128", "::10.0.0.1/128" },
        { "obs 28 IPv6 host bits", "2001:db8::1/64", "2001:db8::/64" },
        { "obs 28 link-local", "fe80::/10", "fe80::/10" },
    };

    [Theory]
    [MemberData(nameof(StoredForms))]
    public void Create_stores_the_network(string caseName, string address, string stored)
    {
        _ = caseName;
        Assert.Null(AddressValidator.ValidateForCreate(List(address), out var addresses));
        Assert.Equal([stored], addresses);
    }

    public static TheoryData<string, string, string> RefusedOnCreate => new()
    {
        { "obs 3 bare IPv4", "192.168.1.5", "'192.168.1.5' isn't a recognized IP subnet cidr, '192.168.1.5/32' is recommended" },
        { "obs 4 bare IPv6", "2001:db8::1", "'2001:db8::1' isn't a recognized IP subnet cidr, '2001:db8::1/128' is recommended" },
        { "obs 5 octet 300", "300.1.1.1/8", "'300.1.1.1/8' is not a valid IP subnet" },
        { "obs 6 /33", "10.0.0.0/33", "'10.0.0.0/33' is not a valid IP subnet" },
        { "obs 7 word", "abc", "'abc' is not a valid IP subnet" },
        { "obs 8 leading zero", "010.0.0.0/8", "'010.0.0.0/8' isn't a recognized IP subnet cidr, '10.0.0.0/8' is recommended" },
        { "obs 9 leading space", " 10.0.0.0/8", "' 10.0.0.0/8' is not a valid IP subnet" },
        { "obs 16 zone index", "fe80::1%eth0/64", "'fe80::1%eth0/64' is not a valid IP subnet" },
        { "obs 17 partial", "10.0.0/8", "'10.0.0/8' isn't a recognized IP subnet cidr, '10.0.0.0/8' is recommended" },
        { "obs 18 partial", "10/8", "'10/8' isn't a recognized IP subnet cidr, '10.0.0.0/8' is recommended" },
        { "obs 19 netmask", "10.0.0.0/255.0.0.0", "'10.0.0.0/255.0.0.0' isn't a recognized IP subnet cidr, '10.0.0.0/8' is recommended" },
        { "obs 20 prefix 08", "10.0.0.0/08", "'10.0.0.0/08' isn't a recognized IP subnet cidr, '10.0.0.0/8' is recommended" },
        { "obs 21 /129", "2001:db8::/129", "'2001:db8::/129' is not a valid IP subnet" },
        { "obs 22 /-1", "10.0.0.0/-1", "'10.0.0.0/-1' is not a valid IP subnet" },
        { "obs 23 empty prefix", "10.0.0.0/", "'10.0.0.0/' is not a valid IP subnet" },
        { "obs 24 trailing space", "10.0.0.0/8 ", "'10.0.0.0/8 ' is not a valid IP subnet" },
        { "tab", "10.0.0.0/8\t", "'10.0.0.0/8\t' is not a valid IP subnet" },
        { "recommended form clears host bits", "10.0.0.1/08", "'10.0.0.1/08' isn't a recognized IP subnet cidr, '10.0.0.0/8' is recommended" },
        { "empty", "", "'' is not a valid IP subnet" },
    };

    [Theory]
    [MemberData(nameof(RefusedOnCreate))]
    public void Create_refuses_what_validate_subnet_refuses(string caseName, string address, string reason)
    {
        _ = caseName;
        TestInput.AssertError(AddressValidator.ValidateForCreate(List("10.9.0.0/16", address), out var addresses), 400, "HTTPBadRequest", Invalid(reason), "addresses");
        Assert.Empty(addresses);
    }

    [Fact]
    public void Create_refuses_items_that_are_not_strings_and_values_that_are_not_lists()
    {
        TestInput.AssertError(AddressValidator.ValidateForCreate(AddressListInput.FromItems([InputValue.FromInteger(5)]), out _),
            400, "HTTPBadRequest", Invalid("'5' is not a valid IP subnet"), "addresses");
        TestInput.AssertError(AddressValidator.ValidateForCreate(AddressListInput.FromItems([InputValue.Null]), out _),
            400, "HTTPBadRequest", Invalid("'None' is not a valid IP subnet"), "addresses");
        TestInput.AssertError(AddressValidator.ValidateForCreate(AddressListInput.NotAList(InputValue.FromString("10.0.0.0/8")), out _),
            400, "HTTPBadRequest", Invalid("'10.0.0.0/8' is not a list"), "addresses");
        TestInput.AssertError(AddressValidator.ValidateForCreate(AddressListInput.NotAList(InputValue.FromBoolean(true)), out _),
            400, "HTTPBadRequest", Invalid("'True' is not a list"), "addresses");
    }

    [Fact]
    public void Create_refuses_an_item_sent_twice_before_checking_the_items()
    {
        TestInput.AssertError(AddressValidator.ValidateForCreate(List("abc", "10.0.0.0/8", "10.0.0.0/8", "abc", "abc"), out _),
            400, "HTTPBadRequest", Invalid("Duplicate items in the list: '10.0.0.0/8, abc'"), "addresses");
    }

    [Fact]
    public void Create_keeps_one_of_each_network_in_request_order()
    {
        Assert.Null(AddressValidator.ValidateForCreate(List("10.1.0.0/8", "192.168.0.0/24", "10.0.0.0/8"), out var addresses));
        Assert.Equal(["10.0.0.0/8", "192.168.0.0/24"], addresses);
    }

    [Fact]
    public void Create_without_addresses_or_with_null_has_none()
    {
        Assert.Null(AddressValidator.ValidateForCreate(AddressListInput.Absent, out var absent));
        Assert.Empty(absent);
        Assert.Null(AddressValidator.ValidateForCreate(AddressListInput.Null, out var none));
        Assert.Empty(none);
        Assert.Null(AddressValidator.ValidateForCreate(List(), out var empty));
        Assert.Empty(empty);
    }

    public static TheoryData<string, string, string> ActionForms => new()
    {
        { "obs 61 bare IPv4 is /32", "172.16.0.1", "172.16.0.1/32" },
        { "obs 74 bare IPv6 is /128", "2001:DB8::5", "2001:db8::5/128" },
        { "obs 74 leading whitespace (netaddr's int())", " 10.30.0.0/16", "10.30.0.0/16" },
        { "obs 58 host bits", "10.2.3.4/16", "10.2.0.0/16" },
        { "obs 78 IPv6 host bits", "2001:db8:1::1/48", "2001:db8:1::/48" },
        { "partial address", "10/8", "10.0.0.0/8" },
    };

    [Theory]
    [MemberData(nameof(ActionForms))]
    public void Actions_take_what_netaddr_parses(string caseName, string address, string stored)
    {
        _ = caseName;
        Assert.Null(AddressValidator.ParseForAction(List(address), out var addresses));
        Assert.Equal([stored], addresses);
    }

    [Fact]
    public void Actions_refuse_what_netaddr_cannot_parse_and_bodies_without_a_list()
    {
        TestInput.AssertError(AddressValidator.ParseForAction(List("10.0.0.0/8", "abc"), out _), 400, "AddrFormatError", "invalid IPNetwork abc", "addresses");
        TestInput.AssertError(AddressValidator.ParseForAction(AddressListInput.Absent, out _), 400, "HTTPBadRequest",
            "Failed to parse request. Required attribute 'addresses' not specified", "addresses");
        TestInput.AssertError(AddressValidator.ParseForAction(AddressListInput.Null, out _), 400, "HTTPBadRequest", Invalid("'None' is not a list"), "addresses");
        TestInput.AssertError(AddressValidator.ParseForAction(AddressListInput.FromItems([InputValue.FromInteger(5)]), out _), 400, "HTTPBadRequest",
            Invalid("'5' is not a valid IP subnet"), "addresses");
    }

    [Fact]
    public void Actions_count_an_address_sent_twice_once()
    {
        Assert.Null(AddressValidator.ParseForAction(List("10.8.0.0/16", "10.8.1.0/16"), out var addresses));
        Assert.Equal(["10.8.0.0/16"], addresses);
    }

    [Fact]
    public void Partition_splits_requested_addresses_by_whether_the_group_holds_them_in_request_order()
    {
        var (present, absent) = AddressValidator.Partition(["10.1.0.0/16", "10.2.0.0/16"], ["10.99.0.0/16", "10.2.0.0/16", "10.98.0.0/16"]);
        Assert.Equal(["10.2.0.0/16"], present);
        Assert.Equal(["10.99.0.0/16", "10.98.0.0/16"], absent);
    }

    public static TheoryData<string, string, string, string> RefusedNamesAndDescriptions => new()
    {
        { "name", "5", "HTTPBadRequest", "Invalid input for name. Reason: '5' is not a valid string." },
        { "name", "null", "HTTPBadRequest", "Invalid input for name. Reason: 'None' is not a valid string." },
        { "name", "\"" + new string('n', 256) + "\"", "HTTPBadRequest", "Invalid input for name. Reason: '" + new string('n', 256) + "' exceeds maximum length of 255." },
        { "description", "null", "HTTPBadRequest", "Invalid input for description. Reason: 'None' is not a valid string." },
        { "description", "\"" + new string('x', 1025) + "\"", "HTTPBadRequest", "Invalid input for description. Reason: '" + new string('x', 1025) + "' exceeds maximum length of 1024." },
        { "name", "\"a\\u202Eb\"", "InvalidInput", "Invalid input for operation: name cannot contain control or bidirectional formatting characters (found U+202E)." },
    };

    [Theory]
    [MemberData(nameof(RefusedNamesAndDescriptions))]
    public void Name_and_description(string attr, string json, string type, string message)
    {
        var error = attr == "name" ? AddressGroupValidator.ValidateName(TestInput.Value(json)) : AddressGroupValidator.ValidateDescription(TestInput.Value(json));
        TestInput.AssertError(error, 400, type, message, attr);
    }

    [Fact]
    public void Default_is_an_ordinary_name_and_descriptions_may_be_1024_long()
    {
        Assert.Null(AddressGroupValidator.ValidateName(InputValue.FromString("default")));
        Assert.Null(AddressGroupValidator.ValidateName(InputValue.Absent));
        Assert.Null(AddressGroupValidator.ValidateDescription(InputValue.FromString(new string('x', 1024))));
    }
}
