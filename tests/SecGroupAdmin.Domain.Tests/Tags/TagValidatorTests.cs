using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Domain.Tags;

namespace SecGroupAdmin.Domain.Tests.Tags;

/// <summary>
/// Tag checks as the reference (Zed) answered them (rows of TagObservations in the Web tests; "obs n" names the row),
/// and the 50-tag limit of newer Neutron.
/// </summary>
public class TagValidatorTests
{
    private static string Invalid(string reason) => $"Invalid input for operation: {reason}.";

    public static TheoryData<string, string> AcceptedTags => new()
    {
        { "obs 33 comma", "a,b" },
        { "obs 33 slash in a body", "c/d" },
        { "obs 33 spaces kept", " sp " },
        { "obs 31 empty", "" },
        { "obs 29 255 characters", new string('x', 255) },
        { "255 code points above U+FFFF", string.Concat(Enumerable.Repeat("😀", 255)) },
    };

    [Theory]
    [MemberData(nameof(AcceptedTags))]
    public void Accepts(string caseName, string tag)
    {
        _ = caseName;
        Assert.Null(TagValidator.ValidateTag(tag));
        Assert.Null(TagValidator.ValidateBody(TagListInput.FromStrings([tag]), out var tags));
        Assert.Equal([tag], tags);
    }

    [Fact]
    public void A_tag_over_255_characters_is_refused()
    {
        var tag = new string('y', 256);
        var error = TagValidator.ValidateTag(tag);
        Assert.NotNull(error);
        Assert.Equal("InvalidInput", error.Type);
        Assert.Equal(400, error.Status);
        Assert.Equal(Invalid($"'{tag}' exceeds maximum length of 255"), error.Message);
    }

    public static TheoryData<string, TagListInput, string> RefusedBodies => new()
    {
        { "obs 17 duplicates", TagListInput.FromStrings(["a", "a"]), "Duplicate items in the list: 'a'" },
        { "obs 24 duplicates before types", TagListInput.FromItems([InputValue.FromString("ok"), InputValue.FromInteger(5), InputValue.FromInteger(5)]), "Duplicate items in the list: '5'" },
        { "obs 18 a string", TagListInput.NotAList("abc"), "'abc' is not a list" },
        { "obs 19 null", TagListInput.NotAList("None"), "'None' is not a list" },
        { "obs 20 true", TagListInput.NotAList("True"), "'True' is not a list" },
        { "obs 21 an object", TagListInput.NotAList("{'a': 1}"), "'{'a': 1}' is not a list" },
        { "obs 22 a number item", TagListInput.FromItems([InputValue.FromInteger(1)]), "'1' is not a valid string" },
        { "obs 23 a null item", TagListInput.FromItems([InputValue.Null]), "'None' is not a valid string" },
        { "obs 25 no tags key", TagListInput.Missing, "Invalid tags body" },
        { "obs 28 too long", TagListInput.FromStrings([new string('x', 256)]), $"'{new string('x', 256)}' exceeds maximum length of 255" },
    };

    [Theory]
    [MemberData(nameof(RefusedBodies))]
    public void Refuses_bodies_as_the_reference(string caseName, TagListInput body, string reason)
    {
        _ = caseName;
        var error = TagValidator.ValidateBody(body, out var tags);
        Assert.NotNull(error);
        Assert.Equal(Invalid(reason), error.Message);
        Assert.Equal(400, error.Status);
        Assert.Empty(tags);
    }

    [Fact]
    public void Keeps_the_requests_order()
    {
        Assert.Null(TagValidator.ValidateBody(TagListInput.FromStrings(["red", "blue"]), out var tags));
        Assert.Equal(["red", "blue"], tags);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(50, true)]
    [InlineData(51, false)]
    public void At_most_50_tags(int count, bool allowed)
    {
        var error = TagValidator.ValidateCount(count);
        Assert.Equal(allowed, error is null);
        if (error is not null)
        {
            Assert.Equal(Invalid("A resource can have at most 50 tags, this change would give it 51"), error.Message);
        }
    }

    public static TheoryData<string, string, string[], string?> TypedInTheChipField => new()
    {
        { "nothing typed", "", ["a"], null },
        { "a new tag", "web", ["a"], null },
        { "already there", "a", ["a"], "The tag a is already there." },
        { "too long", new string('z', 256), [], Invalid($"'{new string('z', 256)}' exceeds maximum length of 255") },
        { "the 51st", "x", [.. Enumerable.Range(0, 50).Select(i => "t" + i)], Invalid("A resource can have at most 50 tags, this change would give it 51") },
    };

    [Theory]
    [MemberData(nameof(TypedInTheChipField))]
    public void Checks_the_chip_field_as_you_type(string caseName, string text, string[] existing, string? message)
    {
        _ = caseName;
        Assert.Equal(message, TagValidator.ValidateNew(text, existing));
    }
}
