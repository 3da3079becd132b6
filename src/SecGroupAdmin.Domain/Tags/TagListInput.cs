using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Tags;

/// <summary>
/// The body of <c>PUT …/tags</c> and <c>POST …/tags</c> as JSON can send it: no <c>tags</c> key (or a body that is
/// not an object), a list of loose <see cref="InputValue"/> items, or a value that is not a list (printed as Python would).
/// </summary>
public sealed class TagListInput
{
    private TagListInput(bool isMissing, IReadOnlyList<InputValue>? items, string display)
    {
        IsMissing = isMissing;
        Items = items;
        Display = display;
    }

    /// <summary>No <c>tags</c> key, or a body that is not a JSON object.</summary>
    public static TagListInput Missing { get; } = new(true, null, "");

    /// <summary>A JSON list.</summary>
    public static TagListInput FromItems(IReadOnlyList<InputValue> items) =>
        new(false, items ?? throw new ArgumentNullException(nameof(items)), "");

    /// <summary>A list of strings (the UI, tests).</summary>
    public static TagListInput FromStrings(IEnumerable<string> tags) =>
        FromItems([.. (tags ?? throw new ArgumentNullException(nameof(tags))).Select(InputValue.FromString)]);

    /// <summary>Any other value, as Python's str() prints it (<c>None</c>, <c>True</c>, <c>{'a': 1}</c>, the string itself).</summary>
    public static TagListInput NotAList(string pythonText) => new(false, null, pythonText);

    public bool IsMissing { get; }

    /// <summary>The items when a list was sent; null otherwise.</summary>
    public IReadOnlyList<InputValue>? Items { get; }

    /// <summary>Python's str() of a value that is not a list.</summary>
    public string Display { get; }
}
