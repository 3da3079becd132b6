using SecGroupAdmin.Domain.DefaultRules;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Components.Pages.Groups;

namespace SecGroupAdmin.Web.Components.Pages.DefaultRules;

/// <summary>
/// The rule dialog's form for a default rule: the rule form's fields (<see cref="RuleFormModel"/>: template, protocol,
/// ports, remote CIDR, anywhere or "this group", which becomes <c>PARENT</c>) plus the two switches saying which new
/// groups get the rule. Validated with the Domain's <see cref="DefaultRuleValidator"/>, so the dialog shows the API's
/// exact messages under the field.
/// </summary>
public sealed class DefaultRuleFormModel
{
    public RuleFormModel Rule { get; } = new() { Remote = RemoteKind.Cidr, RemoteGroupId = DefaultRule.Parent, EmptyCidrMeansNotSet = true };
    public bool UsedInDefaultSg { get; set; }
    public bool UsedInNonDefaultSg { get; set; } = true;

    public DefaultRuleInput ToInput()
    {
        var (min, max) = Rule.Ports;
        return new DefaultRuleInput
        {
            Direction = InputValue.FromString(Rule.Direction),
            Ethertype = InputValue.FromString(Rule.EffectiveEthertype),
            Protocol = Rule.Protocol is null ? InputValue.Absent : InputValue.FromString(Rule.Protocol),
            PortRangeMin = min is int a ? InputValue.FromInteger(a) : InputValue.Absent,
            PortRangeMax = max is int b ? InputValue.FromInteger(b) : InputValue.Absent,
            RemoteIpPrefix = Rule.RemoteIpPrefix is { } prefix ? InputValue.FromString(prefix) : InputValue.Absent,
            RemoteGroupId = Rule.Remote == RemoteKind.Group ? InputValue.FromString(DefaultRule.Parent) : InputValue.Absent,
            Description = InputValue.FromString(Rule.Description),
            UsedInDefaultSg = InputValue.FromBoolean(UsedInDefaultSg),
            UsedInNonDefaultSg = InputValue.FromBoolean(UsedInNonDefaultSg),
        };
    }

    /// <summary>The validated rule, or the first error and the form field it belongs under.</summary>
    public (DefaultRule Rule, NeutronError? Error, string? FormField) Validate()
    {
        if (Rule.MissingInput() is { } missing)
        {
            return (default, missing.Error, missing.FormField);
        }
        var result = DefaultRuleValidator.Validate(ToInput());
        if (!result.IsValid)
        {
            return (default, result.Error, Rule.FormFieldFor(result.Error!));
        }
        return Rule.MissingRemote() is { } remote ? (default, remote.Error, remote.FormField) : (result.Rule, null, null);
    }
}
