using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Web.Rbac;

/// <summary>An RBAC policy to create: the object (type and id), the action and the target (a project id or <c>*</c>).</summary>
public sealed class RbacPolicyCreateRequest
{
    public string ObjectType { get; init; } = "";
    public string ObjectId { get; init; } = "";
    public string Action { get; init; } = "";
    /// <summary>As given (a string is expected; anything else is refused as the reference refuses it).</summary>
    public InputValue TargetTenant { get; init; } = InputValue.Null;
    /// <summary>The policy's project when a CloudAdmin names one; null for the caller's.</summary>
    public string? ProjectId { get; init; }
}
