using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Tests.Hosting;
using SecGroupAdmin.Web.Tests.Infrastructure;

namespace SecGroupAdmin.Web.Tests.Audit;

/// <summary>The real app (<see cref="TestAppHost"/>, in-memory server, temp SQLite file); people sign in through the real login form and download with their cookie.</summary>
public sealed class ExportHost() : InProcessAppFixture("root@export.test")
{
    public string Alpha { get; private set; } = "";
    public string Beta { get; private set; } = "";

    protected override async Task SeedAsync(PeopleSeeder people)
    {
        Alpha = (await people.TenantAsync("alpha")).Id;
        Beta = (await people.TenantAsync("beta")).Id;
        await people.PersonAsync("adminA@export.test", Role.TenantAdmin, "alpha");
        var memberA = await people.PersonAsync("memberA@export.test", Role.Member, "alpha");
        var adminB = await people.PersonAsync("adminB@export.test", Role.TenantAdmin, "beta");
        await people.PersonAsync("auditor@export.test", Role.Auditor);
        var groups = Host.Services.GetRequiredService<SecurityGroupService>();
        await groups.CreateGroupAsync(await people.CallerAsync(memberA, "alpha", ChangeSource.UI), GroupCreateRequest.FromForm("alpha-web", "x"));
        await groups.CreateGroupAsync(await people.CallerAsync(adminB, "beta", ChangeSource.API), GroupCreateRequest.FromForm("=beta-db", "y"));
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
        var fields = SignInForm.HiddenFieldsOf(form);
        fields["Input.Email"] = $"{who}@export.test";
        fields["Input.Password"] = PeopleSeeder.Password;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in failed: {response.StatusCode}");
        return client;
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
    public async Task An_api_token_downloads_with_its_users_access_in_its_tenant_and_a_bad_token_gets_401()
    {
        var people = new PeopleSeeder(host.Factory.Services);
        var token = await people.TokenAsync(await people.PersonAsync("adminA@export.test", Role.TenantAdmin, "alpha"), "alpha", "export");
        var client = await host.ClientAsync(null);

        using var own = new HttpRequestMessage(HttpMethod.Get, "/export/audit.json?tenant=alpha");
        own.Headers.Add("X-Auth-Token", token);
        var ownResponse = await client.SendAsync(own);
        Assert.Equal(HttpStatusCode.OK, ownResponse.StatusCode);
        Assert.All(JsonDocument.Parse(await ownResponse.Content.ReadAsStringAsync()).RootElement.EnumerateArray(),
            e => Assert.Equal(host.Alpha, e.GetProperty("tenant_id").GetString()));

        using var other = new HttpRequestMessage(HttpMethod.Get, "/export/audit.csv?tenant=beta");
        other.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(other)).StatusCode);

        using var bad = new HttpRequestMessage(HttpMethod.Get, "/export/audit.csv?tenant=alpha");
        bad.Headers.Add("X-Auth-Token", "sga_not-a-real-token");
        var badResponse = await client.SendAsync(bad);
        Assert.Equal(HttpStatusCode.Unauthorized, badResponse.StatusCode);
        Assert.DoesNotContain("alpha-web", await badResponse.Content.ReadAsStringAsync());
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
        var future = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var none = await client.GetStringAsync($"/export/audit.json?from={future}");
        Assert.Equal(0, JsonDocument.Parse(none).RootElement.GetArrayLength());
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var some = await client.GetStringAsync($"/export/audit.json?from={today}&to={today}");
        Assert.True(JsonDocument.Parse(some).RootElement.GetArrayLength() >= 2);
    }
}
