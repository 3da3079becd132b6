using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Web.ApiTokens;
using SecGroupAdmin.Web.Tests.Infrastructure;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// The real app (<see cref="TestAppHost"/>, in-process test server, temp SQLite file), with two tenants (A, B), people
/// in every role and an API token for each: memberA, adminA, readerA, memberB, auditor, cloudAdmin, plus a revoked token.
/// </summary>
public sealed class ApiTestHost() : InProcessAppFixture("root@api.test")
{
    private readonly Dictionary<string, string> tokens = [];

    public string TenantA { get; private set; } = "";
    public string TenantB { get; private set; } = "";
    public string RevokedToken { get; private set; } = "";

    protected override async Task SeedAsync(PeopleSeeder people)
    {
        TenantA = (await people.TenantAsync("projA")).Id;
        TenantB = (await people.TenantAsync("projB")).Id;

        async Task<ApplicationUser> Person(string name, Role role, string tenant = "projA")
        {
            var user = await people.PersonAsync($"{name}@api.test", role, tenant);
            tokens[name] = await people.TokenAsync(user, tenant, name);
            return user;
        }

        await Person("memberA", Role.Member);
        await Person("adminA", Role.TenantAdmin);
        await Person("readerA", Role.Reader);
        await Person("memberB", Role.Member, "projB");
        await Person("auditor", Role.Auditor);
        await Person("cloudAdmin", Role.CloudAdmin);
        var revoked = await Person("revoked", Role.Member);
        RevokedToken = tokens["revoked"];
        await using var db = await Host.DbAsync();
        var revokedRow = await db.ApiTokens.FirstAsync(t => t.UserId == revoked.Id);
        await Host.Services.GetRequiredService<ApiTokenService>().RevokeAsync(revokedRow.Id, revoked.Id);
    }

    public string Token(string who) => tokens[who];

    /// <summary>A client that sends <c>X-Auth-Token</c> of <paramref name="who"/> (or no token for null).</summary>
    public HttpClient Client(string? who)
    {
        var client = Factory.CreateClient();
        if (who is not null)
        {
            client.DefaultRequestHeaders.Add("X-Auth-Token", tokens.TryGetValue(who, out var t) ? t : who);
        }
        return client;
    }

    /// <summary>Sends a request and returns status and parsed JSON body (null for no body).</summary>
    public static async Task<(int Status, JsonNode? Body)> SendAsync(HttpClient client, string method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (text.Length > 0)
        {
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
