using SecGroupAdmin.Domain.Groups;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Tests.Groups;

/// <summary>Group name, description and stateful checks (rows 4, 9, 10, 18 of ReferenceObservations in the Web tests).</summary>
public class GroupValidatorTests
{
    private const string DefaultExists = "Default security group already exists.";

    public static TheoryData<string, string, int, string, string> RefusedNames => new()
    {
        { "obs 4 / obs 18 default", "\"default\"", 409, "SecurityGroupDefaultAlreadyExists", DefaultExists },
        { "DEFAULT", "\"DEFAULT\"", 409, "SecurityGroupDefaultAlreadyExists", DefaultExists },
        { "Default", "\"Default\"", 409, "SecurityGroupDefaultAlreadyExists", DefaultExists },
        { "DeFault", "\"DeFault\"", 409, "SecurityGroupDefaultAlreadyExists", DefaultExists },
        { "obs 9 int", "5", 400, "HTTPBadRequest", "Invalid input for name. Reason: '5' is not a valid string." },
        { "boolean", "true", 400, "HTTPBadRequest", "Invalid input for name. Reason: 'True' is not a valid string." },
        { "null", "null", 400, "HTTPBadRequest", "Invalid input for name. Reason: 'None' is not a valid string." },
        { "obs 10 256 chars", "\"" + new string('n', 256) + "\"", 400, "HTTPBadRequest", "Invalid input for name. Reason: '" + new string('n', 256) + "' exceeds maximum length of 255." },
    };

    [Theory]
    [MemberData(nameof(RefusedNames))]
    public void Refused_names(string caseName, string json, int status, string type, string message)
    {
        _ = caseName;
        TestInput.AssertError(GroupValidator.ValidateName(TestInput.Value(json)), status, type, message, "name");
    }

    [Theory]
    [InlineData("\"web\"")]
    [InlineData("\"\"")]
    [InlineData("\"default \"")]
    [InlineData("\"defaults\"")]
    [InlineData("\"my default\"")]
    public void Accepted_names(string json)
    {
        Assert.Null(GroupValidator.ValidateName(TestInput.Value(json)));
    }

    [Fact]
    public void Absent_name_and_255_characters_are_fine()
    {
        Assert.Null(GroupValidator.ValidateName(InputValue.Absent));
        Assert.Null(GroupValidator.ValidateName(InputValue.FromString(new string('n', 255))));
        // 255 code points written with surrogate pairs are still 255 characters for Python.
        Assert.Null(GroupValidator.ValidateName(InputValue.FromString(string.Concat(Enumerable.Repeat("😀", 255)))));
    }

    [Theory]
    [InlineData("5", "Invalid input for description. Reason: '5' is not a valid string.")]
    [InlineData("null", "Invalid input for description. Reason: 'None' is not a valid string.")]
    public void Refused_descriptions(string json, string message)
    {
        TestInput.AssertError(GroupValidator.ValidateDescription(TestInput.Value(json)), 400, "HTTPBadRequest", message, "description");
    }

    [Fact]
    public void Description_length()
    {
        Assert.Null(GroupValidator.ValidateDescription(InputValue.FromString(new string('d', 255))));
        Assert.Null(GroupValidator.ValidateDescription(InputValue.Absent));
        Assert.Equal("HTTPBadRequest", GroupValidator.ValidateDescription(InputValue.FromString(new string('d', 256)))!.Type);
    }

    [Theory]
    [InlineData("web\u0000", "U+0000")]
    [InlineData("\u0000", "U+0000")]
    [InlineData("be\u0007ll", "U+0007")]
    [InlineData("del\u007f", "U+007F")]
    [InlineData("c1\u0085", "U+0085")]
    [InlineData("exe.\u202etxt", "U+202E")]
    [InlineData("\u2066isolate", "U+2066")]
    [InlineData("mark\u200f", "U+200F")]
    public void Control_and_bidi_characters_are_refused_in_names_and_descriptions(string text, string codePoint)
    {
        TestInput.AssertError(GroupValidator.ValidateName(InputValue.FromString(text)), 400, "InvalidInput",
            $"Invalid input for operation: name cannot contain control or bidirectional formatting characters (found {codePoint}).", "name");
        TestInput.AssertError(GroupValidator.ValidateDescription(InputValue.FromString(text)), 400, "InvalidInput",
            $"Invalid input for operation: description cannot contain control or bidirectional formatting characters (found {codePoint}).", "description");
    }

    [Theory]
    [InlineData("line\nbreak", "U+000A")]
    [InlineData("line\r\nbreak", "U+000D")]
    [InlineData("tab\tbed", "U+0009")]
    public void Line_breaks_and_tabs_are_refused_in_names_but_kept_in_descriptions(string text, string codePoint)
    {
        TestInput.AssertError(GroupValidator.ValidateName(InputValue.FromString(text)), 400, "InvalidInput",
            $"Invalid input for operation: name cannot contain control or bidirectional formatting characters (found {codePoint}).", "name");
        Assert.Null(GroupValidator.ValidateDescription(InputValue.FromString(text)));
    }

    [Theory]
    [InlineData("web servers")]
    [InlineData("Ünïcödé ok")]
    [InlineData("日本語")]
    [InlineData("عربي")]
    [InlineData("emoji 😀")]
    public void Printable_unicode_stays_accepted(string text)
    {
        Assert.Null(GroupValidator.ValidateName(InputValue.FromString(text)));
        Assert.Null(GroupValidator.ValidateDescription(InputValue.FromString(text)));
    }

    [Fact]
    public void Too_long_is_reported_before_a_control_character()
    {
        Assert.Equal("HTTPBadRequest", GroupValidator.ValidateName(InputValue.FromString(new string('n', 256) + "\0"))!.Type);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"true\"", true)]
    [InlineData("\"False\"", false)]
    [InlineData("\"TRUE\"", true)]
    [InlineData("\"1\"", true)]
    [InlineData("\"0\"", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("\" Yes \"", true)]
    [InlineData("\"no\"", false)]
    [InlineData("\"on\"", true)]
    [InlineData("\"off\"", false)]
    [InlineData("\"t\"", true)]
    [InlineData("\"f\"", false)]
    [InlineData("\"y\"", true)]
    [InlineData("\"n\"", false)]
    public void Stateful_conversions(string json, bool expected)
    {
        Assert.True(GroupValidator.TryConvertStateful(TestInput.Value(json), out bool stateful, out var error));
        Assert.Null(error);
        Assert.Equal(expected, stateful);
    }

    [Theory]
    [InlineData("\"x\"", "Invalid input for operation: 'x' cannot be converted to boolean.")]
    [InlineData("2", "Invalid input for operation: '2' cannot be converted to boolean.")]
    [InlineData("null", "Invalid input for operation: 'None' cannot be converted to boolean.")]
    [InlineData("1.0", "Invalid input for operation: '1.0' cannot be converted to boolean.")]
    [InlineData("\"\"", "Invalid input for operation: '' cannot be converted to boolean.")]
    public void Stateful_refusals_as_observed(string json, string message)
    {
        Assert.False(GroupValidator.TryConvertStateful(TestInput.Value(json), out _, out var error));
        TestInput.AssertError(error, 400, "InvalidInput", message, "stateful");
    }

    [Fact]
    public void Absent_stateful_is_the_default_true()
    {
        Assert.True(GroupValidator.TryConvertStateful(InputValue.Absent, out bool stateful, out var error));
        Assert.True(stateful);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("default", true)]
    [InlineData("Default", false)]
    [InlineData("web", false)]
    [InlineData(null, false)]
    public void Default_group_is_recognised_by_exact_name(string? name, bool expected)
    {
        Assert.Equal(expected, GroupValidator.IsDefaultName(name));
    }
}
