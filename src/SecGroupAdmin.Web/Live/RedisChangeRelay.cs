using System.Text.Json;
using StackExchange.Redis;

namespace SecGroupAdmin.Web.Live;

/// <summary>
/// With several app instances: every change made here is published on a Redis channel, and every instance (this one
/// included) delivers what arrives on that channel to its own subscribers (the open pages' circuits), so a page open
/// on any instance hears a change made on any other. The message is the <see cref="ChangeEvent"/> itself (ids,
/// action, actor, revision: never entity data) plus the id of the instance that made it.
/// Hub clients are reached through SignalR's own Redis backplane instead (see <see cref="HubRelay"/>).
/// </summary>
public sealed class RedisChangeRelay(ChangeFeed feed, RedisSettings settings, ILogger<RedisChangeRelay> logger) : IHostedService, IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Identifies this instance in the messages it publishes (for logs and tests).</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    private ConnectionMultiplexer? redis;
    private ChannelMessageQueue? queue;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = ConfigurationOptions.Parse(settings.Configuration);
        options.AbortOnConnectFail = false;
        options.ClientName ??= "secgroupadmin-changes";
        redis = await ConnectionMultiplexer.ConnectAsync(options);
        queue = await redis.GetSubscriber().SubscribeAsync(settings.ChangesChannel);
        // The queue hands messages over one at a time, in the order they were published.
        queue.OnMessage(OnMessageAsync);
        feed.Relay = PublishAsync;
        logger.LogInformation("Change feed relayed through Redis channel {Channel} as instance {Instance}", settings.ChangesChannel, InstanceId);
    }

    private async Task PublishAsync(ChangeEvent change)
    {
        var payload = JsonSerializer.Serialize(new RelayedChange(InstanceId, change), Json);
        try
        {
            await redis!.GetSubscriber().PublishAsync(settings.ChangesChannel, payload);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            // Redis is unreachable: at least this instance's pages hear it; the others reload on reconnect.
            logger.LogWarning(ex, "Could not relay a change through Redis; delivering it on this instance only");
            await feed.DispatchAsync(change);
        }
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
        if (relayed?.Change is { } change)
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
        if (queue is not null)
        {
            await queue.UnsubscribeAsync();
            queue = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (redis is not null)
        {
            await redis.DisposeAsync();
            redis = null;
        }
    }

    /// <summary>What goes over the channel.</summary>
    public sealed record RelayedChange(string Origin, ChangeEvent Change);
}
