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

    [Fact]
    public async Task Keystone_sign_ins_count_only_when_they_fail_and_then_429_in_Keystones_shape()
    {
        using var client = SignInForm.NewClient(app.Host.BaseUrl);
        // More successful sign-ins than the limits allow failures: every openstack command signs in anew.
        for (var i = 0; i <= RateLimitedApp.SignInPerAccount + RateLimitedApp.SignInPerAddress; i++)
        {
            var ok = await client.SendAsync(Keystone(RateLimitedApp.MemberEmail, PeopleSeeder.Password, "10.0.5.1"));
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        }

        // Failures from one address are limited; the right password from there is then refused too.
        for (var i = 1; i <= RateLimitedApp.SignInPerAddress; i++)
        {
            var attempt = await client.SendAsync(Keystone($"nobody{i}@limits.test", "wrong-password", "10.0.5.1"));
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        }
        var refused = await client.SendAsync(Keystone(RateLimitedApp.MemberEmail, PeopleSeeder.Password, "10.0.5.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        AssertRetryAfter(refused);
        using (var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
        {
            Assert.Equal(429, body.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        }
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Keystone(RateLimitedApp.MemberEmail, PeopleSeeder.Password, "10.0.5.2"))).StatusCode);

        // Failures naming one account are limited across addresses.
        for (var i = 1; i <= RateLimitedApp.SignInPerAccount; i++)
        {
            var attempt = await client.SendAsync(Keystone("keystone-target@limits.test", "wrong-password", $"10.0.6.{i}"));
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(Keystone("KEYSTONE-TARGET@limits.test", "wrong-password", "10.0.6.100"))).StatusCode);
    }

    private static HttpRequestMessage Keystone(string user, string password, string forwardedFor)
    {
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["auth"] = new System.Text.Json.Nodes.JsonObject
            {
                ["identity"] = new System.Text.Json.Nodes.JsonObject
                {
                    ["methods"] = new System.Text.Json.Nodes.JsonArray("password"),
                    ["password"] = new System.Text.Json.Nodes.JsonObject
                    {
                        ["user"] = new System.Text.Json.Nodes.JsonObject { ["name"] = user, ["domain"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "default" }, ["password"] = password },
                    },
                },
            },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "/identity/v3/auth/tokens")
        {
            Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
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
