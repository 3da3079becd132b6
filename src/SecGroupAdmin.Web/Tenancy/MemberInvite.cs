namespace SecGroupAdmin.Web.Tenancy;

/// <summary>
/// The outcome of <see cref="TenantAdministrationService.InviteMemberAsync"/>: the new membership, whether the user
/// was created by the invite, and the password-reset token for the one-time link (null when the person already
/// has a password and simply signs in).
/// </summary>
public sealed record MemberInvite(MemberView Member, bool CreatedUser, string? PasswordToken);
