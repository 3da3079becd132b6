using StackExchange.Redis;

namespace SecGroupAdmin.Web.Live;

/// <summary>
/// With several instances: a user's access change reported on one instance (a token revoked, a member removed, a
/// user locked) is published on the Redis channel <c>{prefix}:access</c>, and every other instance re-checks that
/// user's hub connections at once. The message is the instance id and the user id, nothing else. Without Redis
/// reachable the other instances still close the connections at their next periodic check.
/// </summary>
public sealed class RedisAccessRelay(HubAccessMonitor monitor, RedisSettings settings, ILogger<RedisAccessRelay> logger) : IHostedService, IAsyncDisposable
{
    private readonly string instanceId = Guid.NewGuid().ToString("N");
    private ConnectionMultiplexer? redis;

    private RedisChannel Channel => RedisChannel.Literal(settings.ChannelPrefix + ":access");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = ConfigurationOptions.Parse(settings.Configuration);
        options.AbortOnConnectFail = false;
        options.ClientName ??= "secgroupadmin-access";
        try
        {
            redis = await ConnectionMultiplexer.ConnectAsync(options);
            await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => OnMessage(message));
            monitor.Relay = PublishAsync;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Could not subscribe to {Channel}; hub connections on other instances close at their next periodic check", settings.ChannelPrefix + ":access");
        }
    }

    private async Task PublishAsync(string userId)
    {
        try
        {
            await redis!.GetSubscriber().PublishAsync(Channel, instanceId + " " + userId);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            logger.LogWarning(ex, "Could not relay an access change through Redis; other instances close at their next periodic check");
        }
    }

    private void OnMessage(RedisValue message)
    {
        var parts = ((string?)message ?? "").Split(' ', 2);
        if (parts.Length == 2 && parts[0] != instanceId)
        {
            _ = monitor.UserChangedElsewhereAsync(parts[1]);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (monitor.Relay == PublishAsync)
        {
            monitor.Relay = null;
        }
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (redis is not null)
        {
            await redis.DisposeAsync();
            redis = null;
        }
    }
}
