using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.Web.Tests.Audit;

/// <summary>The real app over a temp SQLite file; people sign in through the real login form and download with their cookie.</summary>
public sealed class ExportHost : IAsyncLifetime
{
    public const string Password = "Test-Passw0rd!";
    private readonly string dbPath = Path.Combine(Path.GetTempPath(), $"secgroupadmin-export-{Guid.NewGuid():N}.db");

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public string Alpha { get; private set; } = "";
    public string Beta { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Default", $"Data Source={dbPath}")
            .UseSetting("Bootstrap:AdminEmail", "root@export.test")
            .UseSetting("Bootstrap:AdminPassword", "Root-Passw0rd!"));
        _ = Factory.Server;
        using var scope = Factory.Services.CreateScope();
        var sp = scope.ServiceProvider;
        await using var db = await sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var users = sp.GetRequiredService<UserManager<ApplicationUser>>();
        var a = new Tenant { Name = "alpha" };
        var b = new Tenant { Name = "beta" };
        db.Tenants.AddRange(a, b);
        await db.SaveChangesAsync();
        (Alpha, Beta) = (a.Id, b.Id);
        var ids = new Dictionary<string, string>();
        foreach (var (name, tenant, role, global) in new (string, string?, string?, string?)[]
                 {
                     ("adminA", a.Id, TenantRoles.Admin, null), ("memberA", a.Id, TenantRoles.Member, null),
                     ("adminB", b.Id, TenantRoles.Admin, null), ("auditor", null, null, TenantRoles.Auditor),
                 })
        {
            var user = new ApplicationUser { UserName = $"{name}@export.test", Email = $"{name}@export.test", EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            if (global is not null)
            {
                await users.AddToRoleAsync(user, global);
            }
            if (tenant is not null)
            {
                db.Memberships.Add(new Membership { UserId = user.Id, TenantId = tenant, Role = role! });
                await db.SaveChangesAsync();
            }
            ids[name] = user.Id;
        }
        var callers = sp.GetRequiredService<CallerFactory>();
        var groups = sp.GetRequiredService<SecurityGroupService>();
        await groups.CreateGroupAsync((await callers.CreateAsync(ids["memberA"], a.Id, ChangeSource.UI))!, GroupCreateRequest.FromForm("alpha-web", "x"));
        await groups.CreateGroupAsync((await callers.CreateAsync(ids["adminB"], b.Id, ChangeSource.API))!, GroupCreateRequest.FromForm("=beta-db", "y"));
    }

    /// <summary>A client with the cookie of <paramref name="who"/>, signed in through /Account/Login (null: signed out).</summary>
    public async Task<HttpClient> ClientAsync(string? who)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (who is null)
        {
            return client;
        }
        var form = await client.GetStringAsync("/Account/Login");
        var fields = Regex.Matches(form, "<input[^>]*type=\"hidden\"[^>]*>")
            .Select(m => (Name: Attr(m.Value, "name"), Value: Attr(m.Value, "value")))
            .Where(f => f.Name is not null)
            .ToDictionary(f => f.Name!, f => WebUtility.HtmlDecode(f.Value ?? ""));
        fields["Input.Email"] = $"{who}@export.test";
        fields["Input.Password"] = Password;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in failed: {response.StatusCode}");
        return client;
    }

    private static string? Attr(string tag, string name)
    {
        var m = Regex.Match(tag, $"{name}=\"([^\"]*)\"");
        return m.Success ? m.Groups[1].Value : null;
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

public class AuditExportEndpointTests(ExportHost host) : IClassFixture<ExportHost>
{
    [Fact]
    public async Task Signed_out_gets_401_and_no_data()
    {
        var client = await host.ClientAsync(null);
        var response = await client.GetAsync("/export/audit.csv");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("alpha-web", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Auditor_downloads_every_tenant_as_csv_and_json()
    {
        var client = await host.ClientAsync("auditor");
        var csv = await client.GetAsync("/export/audit.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment", csv.Content.Headers.ContentDisposition?.ToString());
        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("id,at,tenant_id,tenant_name,", text);
        Assert.Contains("alpha-web", text);
        Assert.Contains("=beta-db", text); // inside the JSON cell, which starts with { and needs no defusing

        var json = await client.GetAsync($"/export/audit.json?tenant=beta&source=API");
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        var doc = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.True(doc.RootElement.GetArrayLength() >= 1);
        Assert.All(doc.RootElement.EnumerateArray(), e =>
        {
            Assert.Equal(host.Beta, e.GetProperty("tenant_id").GetString());
            Assert.Equal("API", e.GetProperty("source").GetString());
        });
        Assert.Contains(doc.RootElement.EnumerateArray(), e => e.GetProperty("after").ValueKind == JsonValueKind.Object &&
            e.GetProperty("after").GetProperty("name").GetString() == "=beta-db");
    }

    [Fact]
    public async Task Tenant_admin_downloads_their_tenant_only_and_is_refused_others()
    {
        var client = await host.ClientAsync("adminA");
        var own = await client.GetAsync("/export/audit.json?tenant=alpha");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var doc = JsonDocument.Parse(await own.Content.ReadAsStringAsync());
        Assert.True(doc.RootElement.GetArrayLength() >= 1);
        Assert.All(doc.RootElement.EnumerateArray(), e => Assert.Equal(host.Alpha, e.GetProperty("tenant_id").GetString()));

        foreach (var url in new[] { "/export/audit.csv?tenant=beta", "/export/audit.csv", "/export/audit.json?tenant=nope" })
        {
            var refused = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.DoesNotContain("beta-db", await refused.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task A_member_is_refused_their_own_tenant()
    {
        var client = await host.ClientAsync("memberA");
        var response = await client.GetAsync("/export/audit.csv?tenant=alpha");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("alpha-web", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Date_filters_are_checked_and_applied()
    {
        var client = await host.ClientAsync("auditor");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/export/audit.csv?from=yesterday-ish")).StatusCode);
        var future = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd");
        var none = await client.GetStringAsync($"/export/audit.json?from={future}");
        Assert.Equal(0, JsonDocument.Parse(none).RootElement.GetArrayLength());
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var some = await client.GetStringAsync($"/export/audit.json?from={today}&to={today}");
        Assert.True(JsonDocument.Parse(some).RootElement.GetArrayLength() >= 2);
    }
}
