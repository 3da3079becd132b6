using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Tags;

/// <summary>
/// Tag checks as the reference (Zed, neutron/extensions/tagging.py with neutron_lib's validators) makes them, in its
/// order, plus the 50-tag limit of newer Neutron. The API, the service and the UI's chip field all call it.
/// </summary>
public static class TagValidator
{
    /// <summary>Longest tag Zed accepts (its MAX_TAG_LEN).</summary>
    public const int MaxLength = 255;

    /// <summary>Most tags one resource may carry (Neutron 2025.1).</summary>
    public const int MaxTags = 50;

    /// <summary>One tag (the <c>{tag}</c> of <c>…/tags/{tag}</c>): null when valid, else the 400 <c>InvalidInput</c>.</summary>
    public static NeutronError? ValidateTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return Reason(InputValue.FromString(tag)) is { } reason ? TagErrors.Invalid(reason) : null;
    }

    /// <summary>
    /// A <c>{"tags": [...]}</c> body (replace all, add several): null when valid, <paramref name="tags"/> then the tags
    /// in the request's order.
    /// </summary>
    public static NeutronError? ValidateBody(TagListInput input, out IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(input);
        tags = [];
        if (input.IsMissing)
        {
            return TagErrors.Invalid("Invalid tags body");
        }
        if (input.Items is not { } items)
        {
            return TagErrors.Invalid($"'{input.Display}' is not a list");
        }
        // neutron_lib's _validate_list_of_items: duplicates first (by value, in order of first repeat), then each item.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = new List<string>();
        foreach (var item in items)
        {
            var key = item.Kind + ":" + item.Display;
            if (!seen.Add(key) && !duplicates.Contains(item.Display))
            {
                duplicates.Add(item.Display);
            }
        }
        if (duplicates.Count > 0)
        {
            return TagErrors.Invalid($"Duplicate items in the list: '{string.Join(", ", duplicates)}'");
        }
        foreach (var item in items)
        {
            if (Reason(item) is { } reason)
            {
                return TagErrors.Invalid(reason);
            }
        }
        tags = [.. items.Select(i => i.Text!)];
        return null;
    }

    /// <summary>The 50-tag limit: null when a resource may carry <paramref name="count"/> tags.</summary>
    public static NeutronError? ValidateCount(int count) =>
        count > MaxTags
            ? TagErrors.Invalid($"A resource can have at most {MaxTags} tags, this change would give it {count}")
            : null;

    /// <summary>
    /// The chip field's check as you type: null when <paramref name="text"/> can be added to a resource carrying
    /// <paramref name="existing"/>, else the message to show under the field. Empty input is not an error (nothing to add).
    /// </summary>
    public static string? ValidateNew(string text, IReadOnlyCollection<string> existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        if (ValidateTag(text) is { } error)
        {
            return error.Message;
        }
        if (existing.Contains(text))
        {
            return $"The tag {text} is already there.";
        }
        return ValidateCount(existing.Count + 1)?.Message;
    }

    /// <summary>neutron_lib's validate_string with MAX_TAG_LEN: null when valid, else the reason.</summary>
    private static string? Reason(InputValue item)
    {
        if (item.Kind != InputKind.String)
        {
            return $"'{item.Display}' is not a valid string";
        }
        // Python's len(): code points, not UTF-16 units.
        return item.Text!.EnumerateRunes().Count() > MaxLength ? $"'{item.Text}' exceeds maximum length of {MaxLength}" : null;
    }
}
