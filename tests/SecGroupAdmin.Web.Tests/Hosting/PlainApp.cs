namespace SecGroupAdmin.Web.Tests.Hosting;

/// <summary>The real app over Kestrel with its default settings (but no sign-in rate limits: the member signs in often) and one member.</summary>
public sealed class PlainApp : IAsyncLifetime
{
    public const string MemberEmail = "member@front.test";

    public TestAppHost Host { get; private set; } = null!;

    public string MemberToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Host = TestAppHost.Start(new TestAppOptions
        {
            AdminEmail = "root@front.test",
            Settings = new Dictionary<string, string> { ["RateLimits:SignInPerAddress"] = "0", ["RateLimits:SignInPerAccount"] = "0" },
        });
        await Host.People.TenantAsync("front");
        var member = await Host.People.PersonAsync(MemberEmail, Role.Member, "front");
        MemberToken = await Host.People.TokenAsync(member, "front");
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
