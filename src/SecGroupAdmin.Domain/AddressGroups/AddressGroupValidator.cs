using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Groups;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.AddressGroups;

/// <summary>
/// The name and description of an address group (neutron_lib's address_group definition): strings of at most 255 and
/// 1,024 characters, null refused; unlike a security group, "default" is an ordinary name. Control and bidirectional
/// formatting characters are refused as for groups (GroupValidator.ValidatePrintable, a deliberate delta).
/// Absent is fine.
/// </summary>
public static class AddressGroupValidator
{
    public const int NameMaxLength = 255;
    public const int DescriptionMaxLength = 1024;

    public static NeutronError? ValidateName(InputValue name) =>
        ValidateString("name", name, NameMaxLength) ?? (name.Kind == InputKind.String ? GroupValidator.ValidatePrintable("name", name.Text) : null);

    public static NeutronError? ValidateDescription(InputValue description) =>
        ValidateString("description", description, DescriptionMaxLength)
        ?? (description.Kind == InputKind.String ? GroupValidator.ValidatePrintable("description", description.Text, allowLineBreaks: true) : null);

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
        return RuleValidator.ExceedsLength(value.Text!, maxLength) ? NeutronErrors.TooLong(attr, value.Text!, maxLength) : null;
    }
}
