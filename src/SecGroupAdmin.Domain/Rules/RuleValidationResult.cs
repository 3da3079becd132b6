using SecGroupAdmin.Domain.Errors;

namespace SecGroupAdmin.Domain.Rules;

/// <summary>The outcome of validating a rule: the normalised rule, or the first error Neutron would give.</summary>
public readonly struct RuleValidationResult
{
    private RuleValidationResult(NormalizedRule rule, NeutronError? error)
    {
        Rule = rule;
        Error = error;
    }

    /// <summary>True when there is no error.</summary>
    public bool IsValid => Error is null;

    /// <summary>The normalised rule (default when invalid).</summary>
    public NormalizedRule Rule { get; }

    /// <summary>The first error, or null.</summary>
    public NeutronError? Error { get; }

    public static RuleValidationResult Ok(in NormalizedRule rule) => new(rule, null);

    public static RuleValidationResult Fail(NeutronError error) =>
        new(default, error ?? throw new ArgumentNullException(nameof(error)));
}
