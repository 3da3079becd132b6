using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Web.ApiTokens;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// The real app (in-process test server) over a temp SQLite file, with two tenants (A, B), people in every role
/// and an API token for each: memberA, adminA, readerA, memberB, auditor, cloudAdmin, plus a revoked token.
/// </summary>
public sealed class ApiTestHost : IAsyncLifetime
{
    private readonly string dbPath = Path.Combine(Path.GetTempPath(), $"secgroupadmin-api-{Guid.NewGuid():N}.db");
    private readonly Dictionary<string, string> tokens = [];

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public string TenantA { get; private set; } = "";
    public string TenantB { get; private set; } = "";
    public string RevokedToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Default", $"Data Source={dbPath}")
            .UseSetting("Bootstrap:AdminEmail", "root@api.test")
            .UseSetting("Bootstrap:AdminPassword", "Root-Passw0rd!"));
        _ = Factory.Server; // starts the app: migrations, bootstrap

        using var scope = Factory.Services.CreateScope();
        var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var issuer = scope.ServiceProvider.GetRequiredService<ApiTokenService>();
        var a = new Tenant { Name = "projA" };
        var b = new Tenant { Name = "projB" };
        db.Tenants.AddRange(a, b);
        await db.SaveChangesAsync();
        TenantA = a.Id;
        TenantB = b.Id;

        async Task<ApplicationUser> Person(string name, string? tenant, string? role, string? global = null)
        {
            var user = new ApplicationUser { UserName = $"{name}@api.test", Email = $"{name}@api.test", EmailConfirmed = true };
            var created = await users.CreateAsync(user, "Test-Passw0rd!");
            Assert.True(created.Succeeded, string.Join(";", created.Errors.Select(e => e.Description)));
            if (global is not null)
            {
                await users.AddToRoleAsync(user, global);
            }
            if (tenant is not null && role is not null)
            {
                db.Memberships.Add(new Membership { UserId = user.Id, TenantId = tenant, Role = role });
                await db.SaveChangesAsync();
            }
            tokens[name] = (await issuer.IssueAsync(user.Id, tenant ?? a.Id, name, null)).Secret;
            return user;
        }

        await Person("memberA", a.Id, TenantRoles.Member);
        await Person("adminA", a.Id, TenantRoles.Admin);
        await Person("readerA", a.Id, TenantRoles.Reader);
        await Person("memberB", b.Id, TenantRoles.Member);
        await Person("auditor", null, null, TenantRoles.Auditor);
        await Person("cloudAdmin", null, null, TenantRoles.CloudAdmin);
        var revoked = await Person("revoked", a.Id, TenantRoles.Member);
        RevokedToken = tokens["revoked"];
        var revokedRow = await db.ApiTokens.FirstAsync(t => t.UserId == revoked.Id);
        await issuer.RevokeAsync(revokedRow.Id, revoked.Id);
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

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try { File.Delete(dbPath + suffix); } catch (IOException) { }
        }
    }
}
