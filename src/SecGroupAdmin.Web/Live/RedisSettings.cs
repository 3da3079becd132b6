using StackExchange.Redis;

namespace SecGroupAdmin.Web.Live;

/// <summary>
/// Scale-out over Redis: on when <c>ConnectionStrings:Redis</c> or <c>Redis:Configuration</c> is set (StackExchange.Redis
/// syntax, e.g. <c>redis1:6379,password=...</c>). <c>Redis:ChannelPrefix</c> (default <c>secgroupadmin</c>) keeps
/// several deployments on one Redis apart; every instance of one deployment must use the same prefix.
/// <c>Redis:RetrySeconds</c> (default 5) is how often the change relay retries its subscription while Redis is down.
/// </summary>
public sealed record RedisSettings(string Configuration, string ChannelPrefix)
{
    /// <summary>How long the change relay waits between attempts to subscribe while Redis is unreachable.</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromSeconds(5);

    public const string DefaultChannelPrefix = "secgroupadmin";

    /// <summary>The channel the <see cref="ChangeFeed"/> is relayed on.</summary>
    public RedisChannel ChangesChannel => RedisChannel.Literal(ChannelPrefix + ":changes");

    public static RedisSettings? From(IConfiguration configuration)
    {
        var value = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(value))
        {
            value = configuration["Redis:Configuration"];
        }
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var prefix = configuration["Redis:ChannelPrefix"];
        var retrySeconds = configuration.GetValue("Redis:RetrySeconds", 5.0);
        var retry = TimeSpan.FromSeconds(retrySeconds > 0 ? retrySeconds : 5);
        return new RedisSettings(value.Trim(), string.IsNullOrWhiteSpace(prefix) ? DefaultChannelPrefix : prefix.Trim()) { RetryInterval = retry };
    }
}
