namespace SecGroupAdmin.Web.Auth;

/// <summary>
/// How often a signed-in session is checked against the database (<c>Identity:RevalidationInterval</c>, a TimeSpan
/// such as <c>00:01:00</c>): the sign-in cookie's security stamp on the next request after the interval, and an open
/// circuit every interval. A lock, a password change or any other security stamp change ends the session within it.
/// </summary>
public sealed class SessionRevalidationOptions
{
    public const string ConfigurationKey = "Identity:RevalidationInterval";

    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(1);

    public TimeSpan Interval { get; set; } = DefaultInterval;
}
