using System.Globalization;
using System.Text.Json;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Web.Api;

/// <summary>Turns JSON values into the Domain's loose <see cref="InputValue"/>, printing non-scalars as Python would.</summary>
public static class JsonInput
{
    public static InputValue Get(JsonElement resource, string name) =>
        resource.TryGetProperty(name, out var value) ? From(value) : InputValue.Absent;

    public static InputValue From(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => InputValue.Null,
        JsonValueKind.String => InputValue.FromString(value.GetString()),
        JsonValueKind.True => InputValue.FromBoolean(true),
        JsonValueKind.False => InputValue.FromBoolean(false),
        JsonValueKind.Number when value.TryGetInt64(out var n) => InputValue.FromInteger(n),
        JsonValueKind.Number => InputValue.FromOther(PythonFloat(value)),
        _ => InputValue.FromOther(PythonRepr(value)),
    };

    private static string PythonFloat(JsonElement value)
    {
        var d = value.GetDouble();
        return d == Math.Floor(d) && Math.Abs(d) < 1e16
            ? d.ToString("0.0", CultureInfo.InvariantCulture)
            : d.ToString("R", CultureInfo.InvariantCulture);
    }

    private static string PythonRepr(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => "[" + string.Join(", ", value.EnumerateArray().Select(PythonRepr)) + "]",
        JsonValueKind.Object => "{" + string.Join(", ", value.EnumerateObject().Select(p => $"'{p.Name}': {PythonRepr(p.Value)}")) + "}",
        JsonValueKind.String => "'" + value.GetString() + "'",
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Null => "None",
        JsonValueKind.Number when value.TryGetInt64(out var n) => n.ToString(CultureInfo.InvariantCulture),
        _ => PythonFloat(value),
    };
}
