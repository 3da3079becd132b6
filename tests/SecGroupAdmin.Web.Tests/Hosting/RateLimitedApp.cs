namespace SecGroupAdmin.Web.Tests.Hosting;

/// <summary>
/// The real app over Kestrel with small rate limits and 127.0.0.1 as a known proxy, so that each test picks its own
/// client addresses with X-Forwarded-For (its own partitions).
/// </summary>
public sealed class RateLimitedApp : IAsyncLifetime
{
    public const int SignInPerAddress = 3;
    public const int SignInPerAccount = 4;
    public const int ApiPerAddress = 5;
    public const int ApiPerToken = 6;
    public const string MemberEmail = "member@limits.test";

    public TestAppHost Host { get; private set; } = null!;

    public string MemberToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Host = TestAppHost.Start(new TestAppOptions
        {
            AdminEmail = "root@limits.test",
            Settings = new Dictionary<string, string>
            {
                ["ForwardedHeaders:KnownProxies"] = "127.0.0.1",
                ["RateLimits:SignInPerAddress"] = $"{SignInPerAddress}",
                ["RateLimits:SignInPerAccount"] = $"{SignInPerAccount}",
                ["RateLimits:ApiPerAddress"] = $"{ApiPerAddress}",
                ["RateLimits:ApiPerToken"] = $"{ApiPerToken}",
            },
        });
        await Host.People.TenantAsync("limits");
        var member = await Host.People.PersonAsync(MemberEmail, Role.Member, "limits");
        MemberToken = await Host.People.TokenAsync(member, "limits");
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
