using System.Threading.RateLimiting;

namespace SecGroupAdmin.Web.Hosting;

/// <summary>
/// Failed Keystone sign-ins (<c>POST /identity/v3/auth/tokens</c>), counted per client address and per account in
/// the sign-in windows of <see cref="RateLimitSettings"/>. Only failures count, because every <c>openstack</c> command
/// signs in anew and a busy script must not lock itself out; once a window's failures are used up, further attempts
/// from that address or for that account are refused (429) until the window ends, right password or not.
/// </summary>
public sealed class SignInFailureLimiter : IDisposable
{
    private const string AddressKey = "address:";
    private const string AccountKey = "account:";
    private readonly PartitionedRateLimiter<string> limiter;

    public SignInFailureLimiter(IConfiguration configuration)
    {
        var settings = configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
        Window = TimeSpan.FromSeconds(Math.Max(1, settings.SignInWindowSeconds));
        limiter = PartitionedRateLimiter.Create<string, string>(key =>
        {
            var permits = key.StartsWith(AddressKey, StringComparison.Ordinal) ? settings.SignInPerAddress : settings.SignInPerAccount;
            return permits <= 0
                ? RateLimitPartition.GetNoLimiter(key)
                : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = Window,
                    QueueLimit = 0,
                });
        });
    }

    /// <summary>How long a refused client waits at most (the window).</summary>
    public TimeSpan Window { get; }

    /// <summary>True when the address or the account has used up its failures for the window.</summary>
    public bool Refuses(string address, string? account) =>
        UsedUp(AddressKey + address) || (account is not null && UsedUp(AccountKey + account.Trim().ToUpperInvariant()));

    /// <summary>Counts one failed sign-in from <paramref name="address"/> naming <paramref name="account"/>.</summary>
    public void CountFailure(string address, string? account)
    {
        limiter.AttemptAcquire(AddressKey + address).Dispose();
        if (account is not null)
        {
            limiter.AttemptAcquire(AccountKey + account.Trim().ToUpperInvariant()).Dispose();
        }
    }

    private bool UsedUp(string key) => limiter.GetStatistics(key) is { CurrentAvailablePermits: <= 0 };

    public void Dispose() => limiter.Dispose();
}
