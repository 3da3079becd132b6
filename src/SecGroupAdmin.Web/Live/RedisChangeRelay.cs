using System.Text.Json;
using StackExchange.Redis;

namespace SecGroupAdmin.Web.Live;

/// <summary>
/// With several app instances: every change made here is delivered to this instance's subscribers (the open pages'
/// circuits) at once, and published on a Redis channel for the other instances, which deliver what arrives on that
/// channel to their own subscribers. The message is the <see cref="ChangeEvent"/> itself (ids, action, actor,
/// revision: never entity data) plus the id of the instance that made it; an instance ignores its own messages.
/// Redis being down never stops the instance or its local delivery: the connection and the channel subscription are
/// made in the background and retried until Redis answers, and StackExchange.Redis resubscribes after a reconnect.
/// Each instance's hub clients are told by that instance's <see cref="HubRelay"/>, from what arrives here.
/// </summary>
public sealed class RedisChangeRelay(ChangeFeed feed, RedisSettings settings, ILogger<RedisChangeRelay> logger) : IHostedService, IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly CancellationTokenSource stopping = new();
    private ConnectionMultiplexer? redis;
    private ChannelMessageQueue? queue;
    private Task? subscribing;
    private bool warnedUnreachable;

    /// <summary>Identifies this instance in the messages it publishes (for logs and tests).</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>True while Redis is connected and this instance listens on the changes channel.</summary>
    public bool IsRelaying => queue is not null && redis is { IsConnected: true };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        feed.Relay = PublishAsync;
        subscribing = Task.Run(() => SubscribeUntilStoppedAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task SubscribeUntilStoppedAsync(CancellationToken ct)
    {
        var options = ConfigurationOptions.Parse(settings.Configuration);
        options.AbortOnConnectFail = false;
        options.ClientName ??= "secgroupadmin-changes";
        while (!ct.IsCancellationRequested)
        {
            try
            {
                // With AbortOnConnectFail off this returns while Redis is down, and the multiplexer keeps reconnecting.
                redis ??= await ConnectionMultiplexer.ConnectAsync(options);
                var subscribed = await redis.GetSubscriber().SubscribeAsync(settings.ChangesChannel);
                // The queue hands messages over one at a time, in the order they were published.
                subscribed.OnMessage(OnMessageAsync);
                queue = subscribed;
                logger.LogInformation("Change feed relayed through Redis channel {Channel} as instance {Instance}", settings.ChangesChannel, InstanceId);
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogWarning("Redis is unreachable ({Reason}); changes reach this instance only until it answers", ex.Message);
            }
            try
            {
                await Task.Delay(settings.RetryInterval, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task PublishAsync(ChangeEvent change)
    {
        // Local delivery never depends on Redis.
        await feed.DispatchAsync(change);
        if (redis is not { IsConnected: true } connection)
        {
            WarnUnreachable(null);
            return;
        }
        var payload = JsonSerializer.Serialize(new RelayedChange(InstanceId, change), Json);
        try
        {
            await connection.GetSubscriber().PublishAsync(settings.ChangesChannel, payload);
            warnedUnreachable = false;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            WarnUnreachable(ex);
        }
    }

    /// <summary>Once per outage at Warning, then at Debug: a busy instance would otherwise log every change.</summary>
    private void WarnUnreachable(Exception? ex)
    {
        var level = warnedUnreachable ? LogLevel.Debug : LogLevel.Warning;
        warnedUnreachable = true;
        logger.Log(level, "Could not relay a change through Redis ({Reason}); the other instances' pages reload on reconnect",
            ex?.Message ?? "not connected");
    }

    private async Task OnMessageAsync(ChannelMessage message)
    {
        RelayedChange? relayed;
        try
        {
            relayed = JsonSerializer.Deserialize<RelayedChange>((string)message.Message!, Json);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignored a malformed message on {Channel}", settings.ChangesChannel);
            return;
        }
        if (relayed?.Change is { } change && relayed.Origin != InstanceId)
        {
            await feed.DispatchAsync(change);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (feed.Relay == PublishAsync)
        {
            feed.Relay = null;
        }
        await stopping.CancelAsync();
        if (subscribing is not null)
        {
            await subscribing.WaitAsync(cancellationToken);
        }
        if (queue is not null && redis is { IsConnected: true })
        {
            try
            {
                await queue.UnsubscribeAsync();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
            {
                // Best effort while stopping: the connection may drop or be closed meanwhile (seen once in CI, the
                // multiplexer disposed between the IsConnected check and the unsubscribe), and Redis forgets a
                // closed connection's subscriptions anyway.
                logger.LogDebug("Did not unsubscribe from {Channel} while stopping ({Reason})", settings.ChangesChannel, ex.Message);
            }
        }
        queue = null;
    }

    public async ValueTask DisposeAsync()
    {
        stopping.Dispose();
        if (redis is not null)
        {
            await redis.DisposeAsync();
            redis = null;
        }
    }

    /// <summary>What goes over the channel.</summary>
    public sealed record RelayedChange(string Origin, ChangeEvent Change);
}
