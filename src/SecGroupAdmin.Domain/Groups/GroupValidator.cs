using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Groups;

/// <summary>
/// Attribute checks for security groups (the security_group attributes of neutron/extensions/securitygroup.py,
/// whose name validator _validate_name_not_default refuses "default"), with the reference server's messages.
/// On the reference, name is checked before description, and both before stateful.
/// </summary>
public static class GroupValidator
{
    /// <summary>The reserved name of each project's default group.</summary>
    public const string DefaultName = "default";

    private const int NameMaxLength = 255;
    private const int DescriptionMaxLength = 255;

    /// <summary>
    /// Neutron's name_not_default: a string of at most 255 characters whose lower-cased value is not
    /// "default" (409 SecurityGroupDefaultAlreadyExists). Checked on create and on update. Absent is fine.
    /// </summary>
    public static NeutronError? ValidateName(InputValue name)
    {
        NeutronError? error = ValidateString("name", name, NameMaxLength) ?? ValidatePrintable("name", name);
        if (error is not null)
        {
            return error;
        }
        if (name.Kind == InputKind.String && name.Text!.Equals(DefaultName, StringComparison.OrdinalIgnoreCase))
        {
            return NeutronErrors.DefaultAlreadyExists();
        }
        return null;
    }

    /// <summary>A string of at most 255 characters (null is refused: "'None' is not a valid string"). Absent is fine.</summary>
    public static NeutronError? ValidateDescription(InputValue description) =>
        ValidateString("description", description, DescriptionMaxLength)
        ?? (description.Kind == InputKind.String ? ValidatePrintable("description", description.Text, allowLineBreaks: true) : null);

    /// <summary>
    /// A deliberate delta from the reference, which stores them: names may not contain control characters (C0 and C1,
    /// so also NUL, BEL, tab and newline) nor the invisible bidirectional formatting characters (U+061C, U+200E, U+200F,
    /// U+202A..U+202E, U+2066..U+2069) that make text look like something else. Descriptions (a two-line field in the
    /// form) may hold tabs and line breaks, nothing else of these. 400 InvalidInput naming the attribute and the
    /// character; null when <paramref name="text"/> is fine.
    /// </summary>
    public static NeutronError? ValidatePrintable(string attr, string? text, bool allowLineBreaks = false)
    {
        ArgumentNullException.ThrowIfNull(attr);
        if (text is null)
        {
            return null;
        }
        foreach (char c in text)
        {
            if (allowLineBreaks && (c is '\n' or '\r' or '\t'))
            {
                continue;
            }
            if (char.IsControl(c) || IsBidiControl(c))
            {
                return NeutronErrors.InvalidInput(
                    $"{attr} cannot contain control or bidirectional formatting characters (found U+{(int)c:X4})", attr);
            }
        }
        return null;
    }

    private static NeutronError? ValidatePrintable(string attr, InputValue value) =>
        value.Kind == InputKind.String ? ValidatePrintable(attr, value.Text) : null;

    private static bool IsBidiControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>
    /// Neutron's convert_to_boolean (oslo bool_from_string, strict): booleans, and after trimming and
    /// lower-casing the text of the value, 1/t/true/on/y/yes or 0/f/false/off/n/no. Anything else gives
    /// 400 InvalidInput "Invalid input for operation: 'x' cannot be converted to boolean." (as observed).
    /// Absent gives true (the default) without error.
    /// </summary>
    public static bool TryConvertStateful(InputValue value, out bool stateful, out NeutronError? error)
    {
        error = null;
        stateful = true;
        switch (value.Kind)
        {
            case InputKind.Absent:
                return true;
            case InputKind.Boolean:
                stateful = value.Boolean;
                return true;
        }

        string text = value.Display.Trim().ToLowerInvariant();
        switch (text)
        {
            case "1" or "t" or "true" or "on" or "y" or "yes":
                stateful = true;
                return true;
            case "0" or "f" or "false" or "off" or "n" or "no":
                stateful = false;
                return true;
            default:
                error = NeutronErrors.InvalidInput($"'{value.Display}' cannot be converted to boolean", "stateful");
                return false;
        }
    }

    /// <summary>
    /// True when the group is "the default group" for the update and delete checks, which look at
    /// name == "default" exactly (not at the default-group table, and case-sensitively).
    /// </summary>
    public static bool IsDefaultName(string? name) => name == DefaultName;

    private static NeutronError? ValidateString(string attr, InputValue value, int maxLength)
    {
        if (value.IsAbsent)
        {
            return null;
        }
        if (value.Kind != InputKind.String)
        {
            return NeutronErrors.InvalidStringInput(attr, value.Display);
        }
        return RuleValidator.ExceedsLength(value.Text!, maxLength)
            ? NeutronErrors.TooLong(attr, value.Text!, maxLength)
            : null;
    }
}
