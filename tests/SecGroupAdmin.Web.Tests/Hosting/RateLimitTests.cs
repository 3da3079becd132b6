using System.Net;
using System.Text.Json;

namespace SecGroupAdmin.Web.Tests.Hosting;

/// <summary>
/// Finding 7: password sign-in and token authentication are rate limited per client address and per account, with
/// 429 and Retry-After (a NeutronError under /v2.0); other partitions and other requests are unaffected.
/// </summary>
public class RateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task Bad_passwords_from_one_address_get_429_with_Retry_After_and_another_address_is_unaffected()
    {
        using var form = await SignInForm.OpenAsync(app.Host.BaseUrl);
        for (var i = 1; i <= RateLimitedApp.SignInPerAddress; i++)
        {
            var attempt = await form.PostAsync($"nobody{i}@limits.test", "wrong-password", "10.0.1.1");
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        }

        var refused = await form.PostAsync("nobody9@limits.test", "wrong-password", "10.0.1.1");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        AssertRetryAfter(refused);

        // Pages are not limited, and another address signs in.
        var page = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        page.Headers.Add("X-Forwarded-For", "10.0.1.1");
        Assert.Equal(HttpStatusCode.OK, (await form.Client.SendAsync(page)).StatusCode);
        var good = await form.PostAsync(RateLimitedApp.MemberEmail, PeopleSeeder.Password, "10.0.1.2");
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
    }

    [Fact]
    public async Task One_account_is_limited_across_addresses()
    {
        using var form = await SignInForm.OpenAsync(app.Host.BaseUrl);
        for (var i = 1; i <= RateLimitedApp.SignInPerAccount; i++)
        {
            var attempt = await form.PostAsync("target@limits.test", "wrong-password", $"10.0.2.{i}");
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        }

        var refused = await form.PostAsync("TARGET@limits.test", "wrong-password", "10.0.2.100");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        AssertRetryAfter(refused);

        var other = await form.PostAsync("someone-else@limits.test", "wrong-password", "10.0.2.101");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_token_flood_from_one_address_gets_429_NeutronError_and_a_good_token_elsewhere_is_served()
    {
        using var client = SignInForm.NewClient(app.Host.BaseUrl);
        for (var i = 1; i <= RateLimitedApp.ApiPerAddress; i++)
        {
            var attempt = await client.SendAsync(Api($"bad-token-{i}", "10.0.3.1"));
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        }

        var refused = await client.SendAsync(Api("bad-token-x", "10.0.3.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        AssertRetryAfter(refused);
        Assert.Equal("application/json", refused.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("HTTPTooManyRequests", body.RootElement.GetProperty("NeutronError").GetProperty("type").GetString());

        var good = await client.SendAsync(Api(app.MemberToken, "10.0.3.2"));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task One_token_is_limited_across_addresses()
    {
        using var client = SignInForm.NewClient(app.Host.BaseUrl);
        for (var i = 1; i <= RateLimitedApp.ApiPerToken; i++)
        {
            var attempt = await client.SendAsync(Api("guessed-token", $"10.0.4.{i}"));
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        }

        var refused = await client.SendAsync(Api("guessed-token", "10.0.4.100"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        AssertRetryAfter(refused);
    }

    private static HttpRequestMessage Api(string token, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v2.0/security-groups");
        request.Headers.Add("X-Auth-Token", token);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }

    private static void AssertRetryAfter(HttpResponseMessage response)
    {
        var seconds = response.Headers.RetryAfter?.Delta?.TotalSeconds;
        Assert.NotNull(seconds);
        Assert.InRange(seconds.Value, 1, 60);
    }
}
