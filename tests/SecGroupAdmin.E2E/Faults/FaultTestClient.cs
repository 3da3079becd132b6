using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SecGroupAdmin.Testing;

namespace SecGroupAdmin.E2E.Faults;

/// <summary>Small helpers of the fault tests: an API client with a member's token, JSON reads, polling.</summary>
internal static class FaultTestClient
{
    public static async Task<HttpClient> MemberAsync(TestAppHost app, string email, string tenant)
    {
        var user = await app.People.PersonAsync(email, Role.Member, tenant);
        var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Auth-Token", await app.People.TokenAsync(user, tenant));
        return client;
    }

    public static Task<HttpResponseMessage> CreateGroupAsync(HttpClient api, string name) =>
        api.PostAsJsonAsync("/v2.0/security-groups", new { security_group = new { name } });

    public static async Task<(HttpStatusCode Status, JsonNode? Body)> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>Polls every 200 ms until <paramref name="done"/> holds; fails after <paramref name="timeout"/>.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> done, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, "Timed out waiting for " + what);
            await Task.Delay(200);
        }
    }
}
