using SecGroupAdmin.Domain.Rbac;

namespace SecGroupAdmin.Web.Rbac;

/// <summary>
/// One share of an object as the share dialog lists it: the policy, its target (a tenant, or <c>*</c> for every tenant)
/// by name, and what uses the object there — ports with the group, rules with it as their remote group or address group.
/// </summary>
public sealed record ShareTarget(string PolicyId, string TargetTenant, string TargetName, int PortCount, int RuleCount)
{
    public bool IsEveryone => TargetTenant == RbacObjectTypes.Everyone;
}
