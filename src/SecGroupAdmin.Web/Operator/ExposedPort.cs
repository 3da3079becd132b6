namespace SecGroupAdmin.Web.Operator;

/// <summary>
/// A port the overview lists as exposed: with port security off (it allows everything, whatever its groups say:
/// <paramref name="PortSecurityOff"/>, <paramref name="ExposedRules"/> 0), or with port security on and
/// <paramref name="ExposedRules"/> exposed rules (<see cref="SecGroupAdmin.Domain.Rules.RuleExposure"/>) among its groups' rules.
/// </summary>
public sealed record ExposedPort(
    string PortId,
    string PortName,
    string TenantId,
    string TenantName,
    int ExposedRules,
    bool PortSecurityOff);
