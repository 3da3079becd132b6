using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Events;

namespace SecGroupAdmin.Web.Components.Shared;

/// <summary>
/// Words for people: Neutron's message plus what it means here. Horizon shows every 409 as "quota exceeded";
/// this reads the error type and says the real cause.
/// </summary>
public static class FriendlyErrors
{
    public static string Describe(NeutronError error) => error.Type switch
    {
        NeutronErrorTypes.OverQuota when error.Message.Contains($"'{ResourceTypes.SecurityGroupRule}'", StringComparison.Ordinal) =>
            "The tenant's rule quota is used up. Delete rules you no longer need, or ask an operator to raise the quota.",
        NeutronErrorTypes.OverQuota =>
            "The tenant's security group quota is used up. Delete a group you no longer need, or ask an operator to raise the quota.",
        NeutronErrorTypes.RevisionNumberConstraintFailed =>
            "Someone else changed this meanwhile. The page now shows their version: check it and apply your change again.",
        NeutronErrorTypes.SecurityGroupInUse => error.Message + " Detach it from its ports first.",
        NeutronErrorTypes.SecurityGroupCannotRemoveDefault => "The default group is protected: it cannot be deleted.",
        NeutronErrorTypes.SecurityGroupCannotUpdateDefault => "The default group cannot be renamed.",
        NeutronErrorTypes.PolicyNotAuthorized => "Your role in this tenant does not allow this change.",
        _ => error.Message,
    };
}
