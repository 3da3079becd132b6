namespace SecGroupAdmin.Web.Keystone;

/// <summary>
/// Deletes Keystone tokens an hour after they expired, hourly: every <c>openstack</c> command signs in anew, so
/// expired tokens would otherwise pile up. Expired tokens are refused whether or not they were deleted yet.
/// </summary>
public sealed class KeystoneTokenPurge(KeystoneTokenService tokens, TimeProvider time, ILogger<KeystoneTokenPurge> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var deleted = await tokens.PurgeExpiredAsync(time.GetUtcNow().UtcDateTime - Interval, stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("Deleted {Count} expired Keystone tokens", deleted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not delete expired Keystone tokens; trying again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
