using SecGroupAdmin.Domain.Errors;

namespace SecGroupAdmin.Web.Components.Shared;

/// <summary>
/// Words for people: Neutron's message plus what it means here. Horizon shows every 409 as "quota exceeded";
/// this reads the error type and says the real cause.
/// </summary>
public static class FriendlyErrors
{
    public static string Describe(NeutronError error) => error.Type switch
    {
        "OverQuota" when error.Message.Contains("'security_group_rule'") =>
            "The tenant's rule quota is used up. Delete rules you no longer need, or ask an operator to raise the quota.",
        "OverQuota" =>
            "The tenant's security group quota is used up. Delete a group you no longer need, or ask an operator to raise the quota.",
        "RevisionNumberConstraintFailed" =>
            "Someone else changed this meanwhile. The page now shows their version: check it and apply your change again.",
        "SecurityGroupInUse" => error.Message + " Detach it from its ports first.",
        "SecurityGroupCannotRemoveDefault" => "The default group is protected: it cannot be deleted.",
        "SecurityGroupCannotUpdateDefault" => "The default group cannot be renamed.",
        "PolicyNotAuthorized" => "Your role in this tenant does not allow this change.",
        _ => error.Message,
    };
}
