using System.Net;
using System.Text.Json;

namespace SecGroupAdmin.Web.Tests.Hosting;

/// <summary>
/// The analysis API under <c>/api</c> is limited like <c>/v2.0</c> (<c>Api/ApiPaths</c>): requests without a token count
/// per address and the refusal is a NeutronError; the browsable reference <c>/api/docs</c> is a page, not limited.
/// </summary>
public class AnalysisApiRateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    private static HttpRequestMessage Get(string path, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return request;
    }

    [Fact]
    public async Task Requests_to_the_analysis_api_without_a_token_are_limited_per_address_with_a_NeutronError()
    {
        using var client = SignInForm.NewClient(app.Host.BaseUrl);
        for (var i = 1; i <= RateLimitedApp.ApiPerAddress; i++)
        {
            var attempt = await client.SendAsync(Get("/api/ports/some-port/effective-rules", "10.0.9.1"));
            Assert.Equal(HttpStatusCode.Unauthorized, attempt.StatusCode);
        }

        var refused = await client.SendAsync(Get("/api/ports/some-port/effective-rules", "10.0.9.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        using var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("HTTPTooManyRequests", body.RootElement.GetProperty("NeutronError").GetProperty("type").GetString());

        for (var i = 0; i <= RateLimitedApp.ApiPerAddress; i++)
        {
            var docs = await client.SendAsync(Get("/api/docs", "10.0.9.2"));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, docs.StatusCode);
        }
    }
}
