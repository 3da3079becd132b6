using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Groups;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.DefaultRules;

/// <summary>
/// Validates a template rule as Neutron (2023.2+) does: the required attributes (<c>direction</c>,
/// <c>used_in_default_sg</c>, <c>used_in_non_default_sg</c> have no default in
/// neutron/extensions/security_groups_default_rules.py), then each attribute in the order its attribute map
/// declares them (description first, max 1024), then the rule checks every rule gets
/// (<see cref="RuleValidator"/>: _validate_base_security_group_rule_attributes). The first failure decides.
/// </summary>
public static class DefaultRuleValidator
{
    private const int DescriptionMaxLength = 1024;

    public static DefaultRuleValidation Validate(DefaultRuleInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Direction.IsAbsent)
        {
            return DefaultRuleValidation.Fail(NeutronErrors.RequiredAttribute("direction"));
        }
        if (input.UsedInDefaultSg.IsAbsent)
        {
            return DefaultRuleValidation.Fail(NeutronErrors.RequiredAttribute("used_in_default_sg"));
        }
        if (input.UsedInNonDefaultSg.IsAbsent)
        {
            return DefaultRuleValidation.Fail(NeutronErrors.RequiredAttribute("used_in_non_default_sg"));
        }

        var description = "";
        if (!input.Description.IsAbsent)
        {
            if (input.Description.Kind != InputKind.String)
            {
                return DefaultRuleValidation.Fail(NeutronErrors.InvalidStringInput("description", input.Description.Display));
            }
            description = input.Description.Text!;
            if (RuleValidator.ExceedsLength(description, DescriptionMaxLength))
            {
                return DefaultRuleValidation.Fail(NeutronErrors.TooLong("description", description, DescriptionMaxLength));
            }
        }

        var converted = RuleValidator.ValidateAttributes(new RuleInput
        {
            SecurityGroupId = InputValue.FromString(""),
            Direction = input.Direction,
            Ethertype = input.Ethertype,
            Protocol = input.Protocol,
            PortRangeMin = input.PortRangeMin,
            PortRangeMax = input.PortRangeMax,
            RemoteIpPrefix = input.RemoteIpPrefix,
            RemoteGroupId = input.RemoteGroupId,
            RemoteAddressGroupId = input.RemoteAddressGroupId,
        });
        if (!converted.IsValid)
        {
            return DefaultRuleValidation.Fail(converted.Error!);
        }
        if (!TryConvertBoolean(input.UsedInDefaultSg, "used_in_default_sg", out var inDefault, out var error)
            || !TryConvertBoolean(input.UsedInNonDefaultSg, "used_in_non_default_sg", out var inOthers, out error))
        {
            return DefaultRuleValidation.Fail(error!);
        }
        var rule = RuleValidator.ValidateSemantics(converted.Rule with { Description = description });
        return rule.IsValid
            ? DefaultRuleValidation.Ok(new DefaultRule(rule.Rule, inDefault, inOthers))
            : DefaultRuleValidation.Fail(rule.Error!);
    }

    /// <summary>neutron-lib's convert_to_boolean (a null is refused as "None").</summary>
    private static bool TryConvertBoolean(InputValue value, string field, out bool result, out NeutronError? error)
    {
        if (value.Kind == InputKind.Null)
        {
            result = false;
            error = NeutronErrors.InvalidInput("'None' cannot be converted to boolean", field);
            return false;
        }
        if (!GroupValidator.TryConvertStateful(value, out result, out error))
        {
            error = error! with { Field = field };
            return false;
        }
        return true;
    }
}
