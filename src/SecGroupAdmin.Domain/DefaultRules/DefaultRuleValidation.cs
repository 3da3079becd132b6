using SecGroupAdmin.Domain.Errors;

namespace SecGroupAdmin.Domain.DefaultRules;

/// <summary>The outcome of validating a template rule: the rule, or the first error Neutron would give.</summary>
public readonly record struct DefaultRuleValidation(DefaultRule Rule, NeutronError? Error)
{
    public bool IsValid => Error is null;

    public static DefaultRuleValidation Ok(DefaultRule rule) => new(rule, null);

    public static DefaultRuleValidation Fail(NeutronError error) => new(default, error);
}
