using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace SecGroupAdmin.Web.Invites;

/// <summary>
/// The one-time link that lets an invited person set their password: Identity's password-reset page with a
/// password-reset token, which works once (setting the password changes the security stamp) and expires with
/// Identity's token lifespan (<c>DataProtectionTokenProviderOptions.TokenLifespan</c>, one day).
/// </summary>
public static class InviteLinks
{
    /// <summary>The app-relative path of the link for a token from <c>GeneratePasswordResetTokenAsync</c>.</summary>
    public static string PathFor(string passwordResetToken) =>
        "Account/ResetPassword?code=" + WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(passwordResetToken));
}
