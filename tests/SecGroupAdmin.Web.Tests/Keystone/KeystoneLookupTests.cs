using System.Net;

namespace SecGroupAdmin.Web.Tests.Keystone;

/// <summary>
/// The look-ups clients make after signing in: projects (by id, by name, the caller's own), users, the one domain,
/// the catalog; and the compute quota-set look-up of <c>openstack quota show</c>. Each answers only what the caller may see.
/// </summary>
public class KeystoneLookupTests(KeystoneApp app) : IClassFixture<KeystoneApp>
{
    [Fact]
    public async Task A_member_sees_its_own_project_by_id_and_name_and_not_another()
    {
        var (token, _) = await app.SignInAsync(KeystoneApp.Member);
        var own = await app.SendAsync(HttpMethod.Get, $"/identity/v3/projects/{app.ProjectId}", token);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var project = (await KeystoneApp.JsonAsync(own))["project"]!;
        Assert.Equal("ks-one", (string?)project["name"]);
        Assert.Equal("default", (string?)project["domain_id"]);
        Assert.True((bool)project["enabled"]!);

        // Another project and an unknown one answer the same 403 (as Keystone answers users who are not admins).
        var other = await app.SendAsync(HttpMethod.Get, $"/identity/v3/projects/{app.OtherProjectId}", token);
        var unknown = await app.SendAsync(HttpMethod.Get, "/identity/v3/projects/ks-two", token);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        Assert.Equal((await KeystoneApp.JsonAsync(other)).ToJsonString(), (await KeystoneApp.JsonAsync(unknown)).ToJsonString());

        var byName = await KeystoneApp.JsonAsync(await app.SendAsync(HttpMethod.Get, "/identity/v3/projects?name=ks-one&domain_id=default", token));
        Assert.Equal([app.ProjectId], byName["projects"]!.AsArray().Select(p => (string)p!["id"]!));
        // By the name of another project or of none: forbidden alike.
        Assert.Equal(HttpStatusCode.Forbidden, (await app.SendAsync(HttpMethod.Get, "/identity/v3/projects?name=ks-two", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.SendAsync(HttpMethod.Get, "/identity/v3/projects?name=ks-none", token)).StatusCode);
        var otherDomain = await KeystoneApp.JsonAsync(await app.SendAsync(HttpMethod.Get, "/identity/v3/projects?name=ks-one&domain_id=other", token));
        Assert.Empty(otherDomain["projects"]!.AsArray());
        // Listing every project is forbidden to users who are not admins, as in Keystone; their own are listed elsewhere.
        Assert.Equal(HttpStatusCode.Forbidden, (await app.SendAsync(HttpMethod.Get, "/identity/v3/projects", token)).StatusCode);
        var mine = await KeystoneApp.JsonAsync(await app.SendAsync(HttpMethod.Get, "/identity/v3/auth/projects", token));
        Assert.Equal([app.ProjectId], mine["projects"]!.AsArray().Select(p => (string)p!["id"]!));
        var userId = (string)(await KeystoneApp.JsonAsync(await app.SendAsync(HttpMethod.Get, "/identity/v3/auth/tokens", token, subject: token)))["token"]!["user"]!["id"]!;
        var myProjects = await KeystoneApp.JsonAsync(await app.SendAsync(HttpMethod.Get, $"/identity/v3/users/{userId}/projects", token));
        Assert.Equal([app.ProjectId], myProjects["projects"]!.AsArray().Select(p => (string)p!["id"]!));
        var (otherToken, _) = await app.SignInAsync(KeystoneApp.OtherMember, "ks-two");
        Assert.Equal(HttpStatusCode.Forbidden, (await app.SendAsync(HttpMethod.Get, $"/identity/v3/users/{userId}/projects", otherToken)).StatusCode);
    }

    [Theory]
    [InlineData(KeystoneApp.CloudAdmin)]
    [InlineData(KeystoneApp.Auditor)]
    public async Task CloudAdmins_and_Auditors_see_every_project(string user)
    {
        var (token, _) = await app.SignInAsync(user, "ks-two");
        Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(HttpMethod.Get, $"/identity/v3/projects/{app.ProjectId}", token)).StatusCode);
        var all = await KeystoneApp.JsonAsync(await app.SendAsync(HttpMethod.Get, "/identity/v3/projects", token));
        var names = all["projects"]!.AsArray().Select(p => (string)p!["name"]!).ToList();
        Assert.Contains("ks-one", names);
        Assert.Contains("ks-two", names);
        Assert.Equal(HttpStatusCode.NotFound, (await app.SendAsync(HttpMethod.Get, "/identity/v3/projects/ks-none", token)).StatusCode);
        Assert.Empty((await KeystoneApp.JsonAsync(await app.SendAsync(HttpMethod.Get, "/identity/v3/projects?name=ks-none", token)))["projects"]!.AsArray());
    }

    [Fact]
    public async Task Users_see_themselves_and_CloudAdmins_see_anyone()
    {
        var (token, body) = await app.SignInAsync(KeystoneApp.Member);
        var me = (string)body["token"]!["user"]!["id"]!;
        var self = await app.SendAsync(HttpMethod.Get, $"/identity/v3/users/{me}", token);
        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
        var user = (await KeystoneApp.JsonAsync(self))["user"]!;
        Assert.Equal(KeystoneApp.Member, (string?)user["name"]);
        Assert.Equal("default", (string?)user["domain_id"]);

        var (readerToken, readerBody) = await app.SignInAsync(KeystoneApp.Reader);
        var reader = (string)readerBody["token"]!["user"]!["id"]!;
        var forbidden = await app.SendAsync(HttpMethod.Get, $"/identity/v3/users/{reader}", token);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("Forbidden", (string?)(await KeystoneApp.JsonAsync(forbidden))["error"]!["title"]);

        var (adminToken, _) = await app.SignInAsync(KeystoneApp.CloudAdmin);
        Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(HttpMethod.Get, $"/identity/v3/users/{reader}", adminToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.SendAsync(HttpMethod.Get, "/identity/v3/users/nobody", adminToken)).StatusCode);
        Assert.NotNull(readerToken);
    }

    [Fact]
    public async Task The_one_domain_is_default_by_id_and_Default_by_name()
    {
        var (token, _) = await app.SignInAsync(KeystoneApp.Reader);
        var domain = (await KeystoneApp.JsonAsync(await app.SendAsync(HttpMethod.Get, "/identity/v3/domains/default", token)))["domain"]!;
        Assert.Equal("Default", (string?)domain["name"]);
        var byName = await KeystoneApp.JsonAsync(await app.SendAsync(HttpMethod.Get, "/identity/v3/domains?name=Default", token));
        Assert.Equal(["default"], byName["domains"]!.AsArray().Select(d => (string)d!["id"]!));
        Assert.Empty((await KeystoneApp.JsonAsync(await app.SendAsync(HttpMethod.Get, "/identity/v3/domains?name=Other", token)))["domains"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await app.SendAsync(HttpMethod.Get, "/identity/v3/domains/other", token)).StatusCode);
    }

    [Fact]
    public async Task Look_ups_need_a_valid_token_and_unknown_paths_are_Keystones_404()
    {
        foreach (var path in new[] { "/identity/v3/auth/projects", $"/identity/v3/projects/{app.ProjectId}", "/identity/v3/domains/default", "/identity/v3/auth/catalog" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.SendAsync(HttpMethod.Get, path, null)).StatusCode);
            var bad = await app.SendAsync(HttpMethod.Get, path, "sgk_not-a-token");
            Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
            Assert.Equal(401, (int)(await KeystoneApp.JsonAsync(bad))["error"]!["code"]!);
        }
        var (token, _) = await app.SignInAsync(KeystoneApp.Reader);
        var unknown = await app.SendAsync(HttpMethod.Get, "/identity/v3/regions", token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Not Found", (string?)(await KeystoneApp.JsonAsync(unknown))["error"]!["title"]);
    }

    [Fact]
    public async Task An_API_token_works_for_look_ups_and_the_catalog_needs_a_scope()
    {
        var user = await app.Host.People.PersonAsync(KeystoneApp.Member, Role.Member, "ks-one");
        var apiToken = await app.Host.People.TokenAsync(user, "ks-one", "lookups");
        Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(HttpMethod.Get, $"/identity/v3/projects/{app.ProjectId}", apiToken)).StatusCode);
        var catalog = await KeystoneApp.JsonAsync(await app.SendAsync(HttpMethod.Get, "/identity/v3/auth/catalog", apiToken));
        Assert.Equal(3, catalog["catalog"]!.AsArray().Count);
        var (unscoped, _) = await app.SignInAsync(KeystoneApp.Member, projectName: null);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.SendAsync(HttpMethod.Get, "/identity/v3/auth/catalog", unscoped)).StatusCode);
    }

    [Fact]
    public async Task The_compute_entry_answers_only_the_quota_set_look_up_for_readers_of_the_project()
    {
        var (token, _) = await app.SignInAsync(KeystoneApp.Reader);
        var quota = await app.SendAsync(HttpMethod.Get, $"/compute/v2.1/os-quota-sets/{app.ProjectId}", token);
        Assert.Equal(HttpStatusCode.OK, quota.StatusCode);
        var set = (await KeystoneApp.JsonAsync(quota))["quota_set"]!;
        Assert.Equal(app.ProjectId, (string?)set["id"]);
        Assert.Equal(10, (int)set["security_groups"]!);

        var other = await app.SendAsync(HttpMethod.Get, $"/compute/v2.1/os-quota-sets/{app.OtherProjectId}", token);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.NotNull((await KeystoneApp.JsonAsync(other))["itemNotFound"]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SendAsync(HttpMethod.Get, $"/compute/v2.1/os-quota-sets/{app.ProjectId}", null)).StatusCode);
        var servers = await app.SendAsync(HttpMethod.Get, "/compute/v2.1/servers", token);
        Assert.Equal(HttpStatusCode.NotFound, servers.StatusCode);
        Assert.NotNull((await KeystoneApp.JsonAsync(servers))["itemNotFound"]);
    }

    [Fact]
    public async Task A_Keystone_token_opens_the_audit_export_and_an_unscoped_one_does_not()
    {
        var (token, _) = await app.SignInAsync(KeystoneApp.Auditor);
        var export = await app.SendAsync(HttpMethod.Get, "/export/audit.csv", token);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var (unscoped, _) = await app.SignInAsync(KeystoneApp.Auditor, projectName: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SendAsync(HttpMethod.Get, "/export/audit.csv", unscoped)).StatusCode);
    }
}
