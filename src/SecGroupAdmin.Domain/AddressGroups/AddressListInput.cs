using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.AddressGroups;

/// <summary>
/// The <c>addresses</c> value of an address-group request as JSON can send it: absent, null, a list of loose
/// <see cref="InputValue"/> items, or something that is not a list (printed as Python would, for the messages).
/// </summary>
public sealed class AddressListInput
{
    private AddressListInput(bool isAbsent, bool isNull, IReadOnlyList<InputValue>? items, string? display)
    {
        IsAbsent = isAbsent;
        IsNull = isNull;
        Items = items;
        Display = display ?? "";
    }

    /// <summary>Not sent.</summary>
    public static AddressListInput Absent { get; } = new(true, false, null, null);

    /// <summary>JSON null (Neutron's convert_none_to_empty_list turns it into []).</summary>
    public static AddressListInput Null { get; } = new(false, true, null, "None");

    /// <summary>A JSON list.</summary>
    public static AddressListInput FromItems(IReadOnlyList<InputValue> items) =>
        new(false, false, items ?? throw new ArgumentNullException(nameof(items)), null);

    /// <summary>A list of strings (the UI, the CLI, tests).</summary>
    public static AddressListInput FromStrings(IEnumerable<string> items) =>
        FromItems([.. (items ?? throw new ArgumentNullException(nameof(items))).Select(InputValue.FromString)]);

    /// <summary>Any other value, as Python's str() prints it ("True", "{'a': 1}", the string itself).</summary>
    public static AddressListInput NotAList(InputValue value) => new(false, false, null, value.Display);

    public bool IsAbsent { get; }

    public bool IsNull { get; }

    /// <summary>The items when a list was sent; null otherwise.</summary>
    public IReadOnlyList<InputValue>? Items { get; }

    /// <summary>Python's str() of a value that is not a list.</summary>
    public string Display { get; }
}
