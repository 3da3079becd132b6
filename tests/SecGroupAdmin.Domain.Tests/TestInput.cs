using System.Text.Json;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Tests;

/// <summary>Builds rule inputs from JSON fragments, as the API would receive them.</summary>
internal static class TestInput
{
    public const string SgId = "b721a55e-6622-4e7e-9150-89be80606909";

    /// <summary>
    /// Parses a JSON object into a <see cref="RuleInput"/>. Unless the fragment names them,
    /// security_group_id and direction ("ingress") are filled in.
    /// </summary>
    public static RuleInput Rule(string json, bool fillRequired = true)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        var input = new RuleInput();
        if (fillRequired)
        {
            input.SecurityGroupId = InputValue.FromString(SgId);
            input.Direction = InputValue.FromString("ingress");
        }
        foreach (JsonProperty property in document.RootElement.EnumerateObject())
        {
            InputValue value = Value(property.Value);
            switch (property.Name)
            {
                case "security_group_id": input.SecurityGroupId = value; break;
                case "direction": input.Direction = value; break;
                case "ethertype": input.Ethertype = value; break;
                case "protocol": input.Protocol = value; break;
                case "port_range_min": input.PortRangeMin = value; break;
                case "port_range_max": input.PortRangeMax = value; break;
                case "remote_ip_prefix": input.RemoteIpPrefix = value; break;
                case "remote_group_id": input.RemoteGroupId = value; break;
                case "remote_address_group_id": input.RemoteAddressGroupId = value; break;
                case "description": input.Description = value; break;
                case "$absent":
                    foreach (JsonElement name in property.Value.EnumerateArray())
                    {
                        Remove(input, name.GetString()!);
                    }
                    break;
                default: throw new ArgumentException("unknown attribute " + property.Name);
            }
        }
        return input;
    }

    public static InputValue Value(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => InputValue.FromString(element.GetString()),
        JsonValueKind.Number when element.TryGetInt64(out long number) => InputValue.FromInteger(number),
        JsonValueKind.Number => InputValue.FromOther(element.GetRawText()),
        JsonValueKind.True => InputValue.FromBoolean(true),
        JsonValueKind.False => InputValue.FromBoolean(false),
        JsonValueKind.Null => InputValue.Null,
        _ => InputValue.FromOther(element.GetRawText()),
    };

    /// <summary>Parses one JSON value ("5", "\"x\"", "null", "true").</summary>
    public static InputValue Value(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return Value(document.RootElement);
    }

    /// <summary>Validates (both stages) and returns the stored rule, failing the test on error.</summary>
    public static NormalizedRule Valid(string json)
    {
        RuleValidationResult result = RuleValidator.Validate(Rule(json));
        Assert.True(result.IsValid, result.Error?.ToString());
        return result.Rule;
    }

    public static void AssertError(NeutronError? error, int status, string type, string message, string? field)
    {
        Assert.NotNull(error);
        Assert.Equal(type, error!.Type);
        Assert.Equal(message, error.Message);
        Assert.Equal(status, error.Status);
        Assert.Equal(field, error.Field);
    }

    private static void Remove(RuleInput input, string name)
    {
        switch (name)
        {
            case "security_group_id": input.SecurityGroupId = InputValue.Absent; break;
            case "direction": input.Direction = InputValue.Absent; break;
            default: throw new ArgumentException(name);
        }
    }
}
