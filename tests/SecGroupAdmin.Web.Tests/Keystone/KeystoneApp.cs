using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace SecGroupAdmin.Web.Tests.Keystone;

/// <summary>
/// The real app over Kestrel with a project ("ks-one") that has a member, a reader and an admin, a second project
/// ("ks-two") with its own member, a CloudAdmin and an Auditor; every password is <see cref="PeopleSeeder.Password"/>.
/// </summary>
public sealed class KeystoneApp : IAsyncLifetime
{
    public const string Member = "member@ks.test";
    public const string Reader = "reader@ks.test";
    public const string TenantAdmin = "admin@ks.test";
    public const string OtherMember = "other@ks.test";
    public const string CloudAdmin = "cloud@ks.test";
    public const string Auditor = "auditor@ks.test";

    public TestAppHost Host { get; private set; } = null!;

    /// <summary>Everything the app logged, at every level.</summary>
    public CapturedLogs Logs { get; } = new();
    public string ProjectId { get; private set; } = "";
    public string OtherProjectId { get; private set; } = "";
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The sign-in limits have their own tests (RateLimitTests); here many failures are made on purpose.
        Host = TestAppHost.Start(new TestAppOptions
        {
            AdminEmail = "root@ks.test",
            Settings = new Dictionary<string, string>
            {
                ["RateLimits:SignInPerAddress"] = "1000",
                ["RateLimits:SignInPerAccount"] = "1000",
                ["Logging:LogLevel:Default"] = "Trace",
            },
            Configure = b => b.ConfigureLogging(logging => logging.AddProvider(Logs)),
        });
        var people = Host.People;
        ProjectId = (await people.TenantAsync("ks-one")).Id;
        OtherProjectId = (await people.TenantAsync("ks-two")).Id;
        await people.PersonAsync(Member, Role.Member, "ks-one");
        await people.PersonAsync(Reader, Role.Reader, "ks-one");
        await people.PersonAsync(TenantAdmin, Role.TenantAdmin, "ks-one");
        await people.PersonAsync(OtherMember, Role.Member, "ks-two");
        await people.PersonAsync(CloudAdmin, Role.CloudAdmin);
        await people.PersonAsync(Auditor, Role.Auditor);
        Client = new HttpClient { BaseAddress = new Uri(Host.BaseUrl) };
    }

    /// <summary>Keystone's password request body: the user by name in domain Default, scoped to a project by name (or unscoped).</summary>
    public static JsonObject PasswordBody(string user, string password, string? projectName)
    {
        var auth = new JsonObject
        {
            ["identity"] = new JsonObject
            {
                ["methods"] = new JsonArray("password"),
                ["password"] = new JsonObject
                {
                    ["user"] = new JsonObject { ["name"] = user, ["domain"] = new JsonObject { ["name"] = "Default" }, ["password"] = password },
                },
            },
        };
        if (projectName is not null)
        {
            auth["scope"] = new JsonObject { ["project"] = new JsonObject { ["name"] = projectName, ["domain"] = new JsonObject { ["id"] = "default" } } };
        }
        return new JsonObject { ["auth"] = auth };
    }

    public Task<HttpResponseMessage> PostTokenAsync(JsonNode body) =>
        Client.PostAsync("/identity/v3/auth/tokens", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

    /// <summary>Signs in with the password and returns the token (X-Subject-Token) and the body.</summary>
    public async Task<(string Token, JsonNode Body)> SignInAsync(string user, string? projectName = "ks-one")
    {
        var response = await PostTokenAsync(PasswordBody(user, PeopleSeeder.Password, projectName));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return (response.Headers.GetValues("X-Subject-Token").Single(), JsonNode.Parse(text)!);
    }

    /// <summary>A GET with <c>X-Auth-Token</c> (and <c>X-Subject-Token</c> when given).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, string? subject = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Add("X-Auth-Token", token);
        }
        if (subject is not null)
        {
            request.Headers.Add("X-Subject-Token", subject);
        }
        return Client.SendAsync(request);
    }

    public static async Task<JsonNode> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("no JSON");

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }
}
