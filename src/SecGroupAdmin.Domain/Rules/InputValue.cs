using System.Globalization;

namespace SecGroupAdmin.Domain.Rules;

/// <summary>
/// One attribute value as the JSON API can send it (absent, null, string, integer, boolean or
/// something else such as a float or a list). Validators convert it the way Neutron's converters do.
/// </summary>
public readonly struct InputValue
{
    private InputValue(InputKind kind, string? text, long integer, bool boolean)
    {
        Kind = kind;
        Text = text;
        Integer = integer;
        Boolean = boolean;
    }

    /// <summary>The attribute was not sent.</summary>
    public static InputValue Absent => default;

    /// <summary>The attribute was sent as JSON null.</summary>
    public static InputValue Null => new(InputKind.Null, null, 0, false);

    /// <summary>What was sent.</summary>
    public InputKind Kind { get; }

    /// <summary>The string for <see cref="InputKind.String"/>; Python's str() of the value for <see cref="InputKind.Other"/>.</summary>
    public string? Text { get; }

    /// <summary>The number for <see cref="InputKind.Integer"/>.</summary>
    public long Integer { get; }

    /// <summary>The value for <see cref="InputKind.Boolean"/>.</summary>
    public bool Boolean { get; }

    public bool IsAbsent => Kind == InputKind.Absent;

    public bool IsNull => Kind == InputKind.Null;

    /// <summary>A string value; a null string gives <see cref="Null"/>.</summary>
    public static InputValue FromString(string? text) =>
        text is null ? Null : new InputValue(InputKind.String, text, 0, false);

    public static InputValue FromInteger(long value) => new(InputKind.Integer, null, value, false);

    /// <summary>An integer, or <see cref="Null"/> for null.</summary>
    public static InputValue FromNullableInt(int? value) =>
        value is { } v ? FromInteger(v) : Null;

    public static InputValue FromBoolean(bool value) => new(InputKind.Boolean, null, 0, value);

    /// <summary>Any other JSON value (float, list, object), given as Python would print it, e.g. "1.5", "[1]".</summary>
    public static InputValue FromOther(string pythonText) => new(InputKind.Other, pythonText, 0, false);

    /// <summary>How Python prints the value in messages: digits, "True"/"False", "None", the string as is.</summary>
    public string Display => Kind switch
    {
        InputKind.String or InputKind.Other => Text ?? "",
        InputKind.Integer => Integer.ToString(CultureInfo.InvariantCulture),
        InputKind.Boolean => Boolean ? "True" : "False",
        InputKind.Null => "None",
        _ => "",
    };

    public override string ToString() => Kind + ":" + Display;
}
