using StackExchange.Redis;

namespace SecGroupAdmin.Web.Live;

/// <summary>
/// Scale-out over Redis: on when <c>ConnectionStrings:Redis</c> or <c>Redis:Configuration</c> is set (StackExchange.Redis
/// syntax, e.g. <c>redis1:6379,password=...</c>). <c>Redis:ChannelPrefix</c> (default <c>secgroupadmin</c>) keeps
/// several deployments on one Redis apart; every instance of one deployment must use the same prefix.
/// </summary>
public sealed record RedisSettings(string Configuration, string ChannelPrefix)
{
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
        return new RedisSettings(value.Trim(), string.IsNullOrWhiteSpace(prefix) ? DefaultChannelPrefix : prefix.Trim());
    }
}
