namespace SecGroupAdmin.Web.Invites;

/// <summary>
/// The <c>Identity</c> settings section. An admin tool is invite-only: self-registration (the Register page and
/// registering through an external login) is off unless <see cref="AllowSelfRegistration"/> is set.
/// </summary>
public sealed class RegistrationOptions
{
    public const string Section = "Identity";

    /// <summary>Lets strangers create an account on /Account/Register. Default false.</summary>
    public bool AllowSelfRegistration { get; set; }

    /// <summary>
    /// How long an invite link (and any Identity password-reset or confirmation link) stays valid. Default one day.
    /// </summary>
    public TimeSpan InviteLinkLifetime { get; set; } = TimeSpan.FromDays(1);
}
