using System.Net;

namespace SecGroupAdmin.Web.Tests.Hosting;

/// <summary>
/// Finding 9, deployment: X-Forwarded-For is ignored unless it comes from a configured proxy (each test against
/// <see cref="RateLimitedApp"/> relies on the honoured case), and <c>Https:Redirect</c> turns on HTTPS redirection.
/// </summary>
public class ProxyAndHttpsTests
{
    [Fact]
    public async Task X_Forwarded_For_from_an_unknown_proxy_is_ignored()
    {
        await using var host = TestAppHost.Start(new TestAppOptions
        {
            Settings = new Dictionary<string, string> { ["RateLimits:SignInPerAddress"] = "2" },
        });
        using var form = await SignInForm.OpenAsync(host.BaseUrl);
        Assert.Equal(HttpStatusCode.OK, (await form.PostAsync("a@proxy.test", "wrong", "10.9.0.1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await form.PostAsync("b@proxy.test", "wrong", "10.9.0.2")).StatusCode);

        // A third "address" is still 127.0.0.1: the header from an unconfigured proxy changed nothing.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await form.PostAsync("c@proxy.test", "wrong", "10.9.0.3")).StatusCode);
    }

    [Fact]
    public async Task Https_redirect_when_configured()
    {
        await using var host = TestAppHost.Start(new TestAppOptions
        {
            Settings = new Dictionary<string, string> { ["Https:Redirect"] = "true", ["https_port"] = "8443" },
        });
        using var client = SignInForm.NewClient(host.BaseUrl);
        var response = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https://127.0.0.1:8443/Account/Login", response.Headers.Location?.ToString());
    }
}
