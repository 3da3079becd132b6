using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Web.ApiTokens;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Tenancy;

namespace SecGroupAdmin.Web.Tests.Keystone;

/// <summary>
/// <c>/identity</c> over Kestrel: discovery, password and application-credential sign-in, the token's body and
/// catalog, what ends a token, and Keystone's error answers.
/// </summary>
public class KeystoneTokenTests(KeystoneApp app) : IClassFixture<KeystoneApp>
{
    /// <summary>The JSON template with @0@, @1@… replaced by the values.</summary>
    private static string Fill(string template, params string[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            template = template.Replace($"@{i}@", values[i]);
        }
        return template;
    }

    [Fact]
    public async Task Discovery_lists_v3_at_identity_and_describes_it_at_identity_v3()
    {
        var list = await app.Client.GetAsync("/identity");
        Assert.Equal(HttpStatusCode.MultipleChoices, list.StatusCode);
        var version = (await KeystoneApp.JsonAsync(list))["versions"]!["values"]![0]!;
        Assert.Equal("v3.14", (string?)version["id"]);
        Assert.Equal("stable", (string?)version["status"]);
        Assert.Equal(app.Host.BaseUrl + "/identity/v3/", (string?)version["links"]![0]!["href"]);

        var v3 = await app.Client.GetAsync("/identity/v3/");
        Assert.Equal(HttpStatusCode.OK, v3.StatusCode);
        Assert.Equal("v3.14", (string?)(await KeystoneApp.JsonAsync(v3))["version"]!["id"]);
    }

    [Fact]
    public async Task A_member_signs_in_with_a_password_and_gets_a_scoped_token_with_roles_and_the_catalog()
    {
        var before = DateTime.UtcNow;
        var (token, body) = await app.SignInAsync(KeystoneApp.Member);
        Assert.StartsWith("sgk_", token);
        var t = body["token"]!;
        Assert.Equal(["password"], t["methods"]!.AsArray().Select(m => (string)m!));
        Assert.Equal(KeystoneApp.Member, (string?)t["user"]!["name"]);
        Assert.Equal("default", (string?)t["user"]!["domain"]!["id"]);
        Assert.Equal(app.ProjectId, (string?)t["project"]!["id"]);
        Assert.Equal("ks-one", (string?)t["project"]!["name"]);
        Assert.Equal(["member", "reader"], t["roles"]!.AsArray().Select(r => (string)r!["name"]!));
        var expires = DateTime.Parse((string)t["expires_at"]!, null, System.Globalization.DateTimeStyles.RoundtripKind);
        var issued = DateTime.Parse((string)t["issued_at"]!, null, System.Globalization.DateTimeStyles.RoundtripKind);
        Assert.EndsWith("Z", (string)t["expires_at"]!);
        Assert.InRange(issued, before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
        Assert.Equal(TimeSpan.FromHours(1), expires - issued);

        var catalog = t["catalog"]!.AsArray();
        Assert.Equal(["identity", "network", "compute"], catalog.Select(s => (string)s!["type"]!));
        foreach (var service in catalog)
        {
            var endpoints = service!["endpoints"]!.AsArray();
            Assert.Equal(["public", "internal", "admin"], endpoints.Select(e => (string)e!["interface"]!));
            Assert.All(endpoints, e => Assert.Equal("RegionOne", (string?)e!["region"]));
            Assert.All(endpoints, e => Assert.Equal("RegionOne", (string?)e!["region_id"]));
        }
        Assert.Equal(app.Host.BaseUrl + "/identity/v3", (string?)catalog[0]!["endpoints"]![0]!["url"]);
        Assert.Equal(app.Host.BaseUrl, (string?)catalog[1]!["endpoints"]![0]!["url"]);

        // The token is the API's X-Auth-Token.
        var groups = await app.SendAsync(HttpMethod.Get, "/v2.0/security-groups", token);
        Assert.Equal(HttpStatusCode.OK, groups.StatusCode);
        Assert.All((await KeystoneApp.JsonAsync(groups))["security_groups"]!.AsArray(), g => Assert.Equal(app.ProjectId, (string?)g!["project_id"]));
    }

    [Theory]
    [InlineData(KeystoneApp.Reader, "ks-one", new[] { "reader" })]
    [InlineData(KeystoneApp.TenantAdmin, "ks-one", new[] { "member", "reader" })]
    [InlineData(KeystoneApp.CloudAdmin, "ks-two", new[] { "admin", "member", "reader" })]
    [InlineData(KeystoneApp.Auditor, "ks-one", new[] { "reader" })]
    public async Task Roles_use_Keystone_names_and_only_a_CloudAdmin_is_admin(string user, string project, string[] roles)
    {
        var (_, body) = await app.SignInAsync(user, project);
        Assert.Equal(roles, body["token"]!["roles"]!.AsArray().Select(r => (string)r!["name"]!));
    }

    [Fact]
    public async Task Unknown_user_and_wrong_password_get_the_same_401()
    {
        var unknown = await app.PostTokenAsync(KeystoneApp.PasswordBody("nobody@ks.test", "whatever-Passw0rd", "ks-one"));
        var wrong = await app.PostTokenAsync(KeystoneApp.PasswordBody(KeystoneApp.Reader, "wrong-Passw0rd", "ks-one"));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var unknownError = (await KeystoneApp.JsonAsync(unknown))["error"]!;
        Assert.Equal(401, (int)unknownError["code"]!);
        Assert.Equal("Unauthorized", (string?)unknownError["title"]);
        Assert.Equal("The request you have made requires authentication.", (string?)unknownError["message"]);
        Assert.Equal(unknownError.ToJsonString(), (await KeystoneApp.JsonAsync(wrong))["error"]!.ToJsonString());
        Assert.False(unknown.Headers.Contains("X-Subject-Token"));
        Assert.Equal($"Keystone uri=\"{app.Host.BaseUrl}/identity\"", unknown.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Failed_passwords_count_toward_Identitys_lockout_and_a_locked_out_user_is_refused_with_the_right_password()
    {
        var user = await app.Host.People.PersonAsync("lockout@ks.test", Role.Member, "ks-one");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.PostTokenAsync(KeystoneApp.PasswordBody(user.Email!, "wrong-Passw0rd", "ks-one"))).StatusCode);
        }
        using (var scope = app.Host.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True(await users.IsLockedOutAsync((await users.FindByIdAsync(user.Id))!));
        }
        var right = await app.PostTokenAsync(KeystoneApp.PasswordBody(user.Email!, PeopleSeeder.Password, "ks-one"));
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Equal("The request you have made requires authentication.", (string?)(await KeystoneApp.JsonAsync(right))["error"]!["message"]);
    }

    [Fact]
    public async Task A_project_the_user_is_not_in_is_refused_and_an_unknown_one_answers_the_same()
    {
        var notMine = await app.PostTokenAsync(KeystoneApp.PasswordBody(KeystoneApp.Member, PeopleSeeder.Password, "ks-two"));
        var unknown = await app.PostTokenAsync(KeystoneApp.PasswordBody(KeystoneApp.Member, PeopleSeeder.Password, "ks-none"));
        Assert.Equal(HttpStatusCode.Unauthorized, notMine.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal((await KeystoneApp.JsonAsync(notMine)).ToJsonString(), (await KeystoneApp.JsonAsync(unknown)).ToJsonString());
    }

    [Fact]
    public async Task An_unscoped_token_has_no_project_or_catalog_is_refused_by_the_API_and_can_be_rescoped()
    {
        var (unscoped, body) = await app.SignInAsync(KeystoneApp.Member, projectName: null);
        var t = body["token"]!.AsObject();
        Assert.False(t.ContainsKey("project"));
        Assert.False(t.ContainsKey("catalog"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SendAsync(HttpMethod.Get, "/v2.0/security-groups", unscoped)).StatusCode);

        // It lists the projects it may scope to, and the token method rescopes it.
        var projects = await KeystoneApp.JsonAsync(await app.SendAsync(HttpMethod.Get, "/identity/v3/auth/projects", unscoped));
        Assert.Equal([app.ProjectId], projects["projects"]!.AsArray().Select(p => (string)p!["id"]!));
        var rescope = await app.PostTokenAsync(JsonNode.Parse(Fill("""
            {"auth": {"identity": {"methods": ["token"], "token": {"id": "@0@"}},
                      "scope": {"project": {"id": "@1@"}}}}
            """, unscoped, app.ProjectId))!);
        Assert.Equal(HttpStatusCode.Created, rescope.StatusCode);
        var scoped = (await KeystoneApp.JsonAsync(rescope))["token"]!;
        Assert.Equal(app.ProjectId, (string?)scoped["project"]!["id"]);
        Assert.Equal((string?)t["expires_at"], (string?)scoped["expires_at"]);
        var scopedToken = rescope.Headers.GetValues("X-Subject-Token").Single();
        Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(HttpMethod.Get, "/v2.0/security-groups", scopedToken)).StatusCode);
    }

    [Fact]
    public async Task Tokens_are_stored_hashed()
    {
        var (token, body) = await app.SignInAsync(KeystoneApp.Reader);
        await using var db = await app.Host.DbAsync();
        var stored = await db.KeystoneTokens.SingleAsync(t => t.Id == (string)body["token"]!["audit_ids"]![0]!);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))), stored.TokenHash);
        Assert.DoesNotContain(token[4..], stored.TokenHash + stored.Id);
    }

    [Fact]
    public async Task A_token_ends_when_its_user_is_locked_leaves_the_project_or_it_is_revoked_or_expires()
    {
        var people = app.Host.People;
        var locked = await people.PersonAsync("locked@ks.test", Role.Member, "ks-one");
        var leaving = await people.PersonAsync("leaving@ks.test", Role.Member, "ks-one");
        var (lockedToken, _) = await app.SignInAsync(locked.Email!);
        var (leavingToken, _) = await app.SignInAsync(leaving.Email!);
        var (revokedToken, _) = await app.SignInAsync(KeystoneApp.Member);
        var (expiringToken, expiringBody) = await app.SignInAsync(KeystoneApp.Member);
        foreach (var token in new[] { lockedToken, leavingToken, revokedToken, expiringToken })
        {
            Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(HttpMethod.Get, "/v2.0/security-groups", token)).StatusCode);
        }

        var administration = app.Host.Services.GetRequiredService<TenantAdministrationService>();
        var root = Caller.SystemOperator(ChangeSource.CLI);
        await administration.SetUserLockedAsync(root, locked.Id, locked: true);
        await administration.RemoveMemberAsync(root, app.ProjectId, leaving.Id);
        var revoke = await app.SendAsync(HttpMethod.Delete, "/identity/v3/auth/tokens", revokedToken, subject: revokedToken);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        await using (var db = await app.Host.DbAsync())
        {
            var id = (string)expiringBody["token"]!["audit_ids"]![0]!;
            await db.KeystoneTokens.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddSeconds(-1)));
        }

        foreach (var token in new[] { lockedToken, leavingToken, revokedToken, expiringToken })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.SendAsync(HttpMethod.Get, "/v2.0/security-groups", token)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.SendAsync(HttpMethod.Get, "/identity/v3/auth/projects", token)).StatusCode);
        }
        // A locked user cannot sign in again either.
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.PostTokenAsync(KeystoneApp.PasswordBody(locked.Email!, PeopleSeeder.Password, "ks-one"))).StatusCode);
    }

    [Fact]
    public async Task Validation_answers_for_own_tokens_404_for_dead_ones_and_403_for_someone_elses()
    {
        var (mine, issued) = await app.SignInAsync(KeystoneApp.Member);
        var (other, _) = await app.SignInAsync(KeystoneApp.OtherMember, "ks-two");

        var get = await app.SendAsync(HttpMethod.Get, "/identity/v3/auth/tokens", mine, subject: mine);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(mine, get.Headers.GetValues("X-Subject-Token").Single());
        var validated = (await KeystoneApp.JsonAsync(get))["token"]!;
        Assert.Equal((string?)issued["token"]!["expires_at"], (string?)validated["expires_at"]);
        Assert.Equal(app.ProjectId, (string?)validated["project"]!["id"]);
        Assert.False(((JsonObject)(await KeystoneApp.JsonAsync(await app.SendAsync(HttpMethod.Get, "/identity/v3/auth/tokens?nocatalog", mine, subject: mine)))["token"]!).ContainsKey("catalog"));

        Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(HttpMethod.Head, "/identity/v3/auth/tokens", mine, subject: mine)).StatusCode);
        var unknownHead = await app.SendAsync(HttpMethod.Head, "/identity/v3/auth/tokens", mine, subject: "sgk_nothing");
        Assert.Equal(HttpStatusCode.NotFound, unknownHead.StatusCode);
        var unknownGet = await app.SendAsync(HttpMethod.Get, "/identity/v3/auth/tokens", mine, subject: "sgk_nothing");
        Assert.Equal(HttpStatusCode.NotFound, unknownGet.StatusCode);
        Assert.Equal(404, (int)(await KeystoneApp.JsonAsync(unknownGet))["error"]!["code"]!);

        var foreign = await app.SendAsync(HttpMethod.Get, "/identity/v3/auth/tokens", mine, subject: other);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.SendAsync(HttpMethod.Delete, "/identity/v3/auth/tokens", mine, subject: other)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(HttpMethod.Get, "/v2.0/security-groups", other)).StatusCode);

        // A CloudAdmin may look at and revoke anyone's token; an Auditor may look only.
        var (auditor, _) = await app.SignInAsync(KeystoneApp.Auditor);
        Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(HttpMethod.Get, "/identity/v3/auth/tokens", auditor, subject: other)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.SendAsync(HttpMethod.Delete, "/identity/v3/auth/tokens", auditor, subject: other)).StatusCode);
        var (cloudAdmin, _) = await app.SignInAsync(KeystoneApp.CloudAdmin);
        Assert.Equal(HttpStatusCode.NoContent, (await app.SendAsync(HttpMethod.Delete, "/identity/v3/auth/tokens", cloudAdmin, subject: other)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SendAsync(HttpMethod.Get, "/v2.0/security-groups", other)).StatusCode);

        // No token at all: 401.
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SendAsync(HttpMethod.Get, "/identity/v3/auth/tokens", null, subject: mine)).StatusCode);
    }

    [Fact]
    public async Task An_API_token_is_an_application_credential_by_id_or_by_name_and_user()
    {
        var people = app.Host.People;
        var user = await people.PersonAsync("appcred@ks.test", Role.Member, "ks-one");
        var issued = await app.Host.Services.GetRequiredService<ApiTokenService>().IssueAsync(user.Id, app.ProjectId, "ci", null);

        var byId = await app.PostTokenAsync(JsonNode.Parse(Fill("""
            {"auth": {"identity": {"methods": ["application_credential"],
                      "application_credential": {"id": "@0@", "secret": "@1@"}}}}
            """, issued.Token.Id, issued.Secret))!);
        Assert.Equal(HttpStatusCode.Created, byId.StatusCode);
        var t = (await KeystoneApp.JsonAsync(byId))["token"]!;
        Assert.Equal(["application_credential"], t["methods"]!.AsArray().Select(m => (string)m!));
        Assert.Equal(app.ProjectId, (string?)t["project"]!["id"]);
        Assert.Equal(issued.Token.Id, (string?)t["application_credential"]!["id"]);
        Assert.Equal("ci", (string?)t["application_credential"]!["name"]);
        Assert.NotNull(t["catalog"]);
        var token = byId.Headers.GetValues("X-Subject-Token").Single();
        Assert.Equal(HttpStatusCode.OK, (await app.SendAsync(HttpMethod.Get, "/v2.0/security-groups", token)).StatusCode);

        var byName = await app.PostTokenAsync(JsonNode.Parse(Fill("""
            {"auth": {"identity": {"methods": ["application_credential"],
                      "application_credential": {"name": "ci", "user": {"name": "appcred@ks.test", "domain": {"name": "Default"}}, "secret": "@0@"}}}}
            """, issued.Secret))!);
        Assert.Equal(HttpStatusCode.Created, byName.StatusCode);

        foreach (var bad in new[]
        {
            Fill("""{"id": "@0@", "secret": "@1@x"}""", issued.Token.Id, issued.Secret),
            Fill("""{"id": "not-this-one", "secret": "@0@"}""", issued.Secret),
            Fill("""{"name": "other", "user": {"name": "appcred@ks.test", "domain": {"name": "Default"}}, "secret": "@0@"}""", issued.Secret),
            Fill("""{"name": "ci", "user": {"name": "@0@", "domain": {"name": "Default"}}, "secret": "@1@"}""", KeystoneApp.Member, issued.Secret),
        })
        {
            var refused = await app.PostTokenAsync(JsonNode.Parse(Fill("""{"auth": {"identity": {"methods": ["application_credential"], "application_credential": @0@}}}""", bad))!);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        // Revoking the API token ends the Keystone tokens made from it.
        await app.Host.Services.GetRequiredService<ApiTokenService>().RevokeAsync(issued.Token.Id, user.Id);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.SendAsync(HttpMethod.Get, "/v2.0/security-groups", token)).StatusCode);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"auth": {}}""")]
    [InlineData("""{"auth": {"identity": {"methods": "password"}}}""")]
    [InlineData("""{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "x@ks.test"}}}}}""")]
    [InlineData("""{"auth": {"identity": {"methods": ["password"], "password": {"user": {"password": "x"}}}}}""")]
    public async Task Malformed_requests_get_Keystones_400(string body)
    {
        var response = await app.Client.PostAsync("/identity/v3/auth/tokens", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await KeystoneApp.JsonAsync(response))["error"]!;
        Assert.Equal(400, (int)error["code"]!);
        Assert.Equal("Bad Request", (string?)error["title"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]));
    }

    [Theory]
    [InlineData("""{"auth": {"identity": {"methods": ["totp"], "totp": {}}}}""")]
    [InlineData("""{"auth": {"identity": {"methods": ["password", "totp"]}}}""")]
    [InlineData("""{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "member@ks.test", "password": "Test-Passw0rd!"}}}, "scope": {"domain": {"id": "default"}}}}""")]
    [InlineData("""{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "member@ks.test", "domain": {"name": "Other"}, "password": "Test-Passw0rd!"}}}}}""")]
    public async Task Unsupported_methods_scopes_and_other_domains_get_401(string body)
    {
        var response = await app.Client.PostAsync("/identity/v3/auth/tokens", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, (int)(await KeystoneApp.JsonAsync(response))["error"]!["code"]!);
    }

    [Fact]
    public async Task No_password_or_secret_is_ever_logged()
    {
        var user = await app.Host.People.PersonAsync("logs@ks.test", Role.Member, "ks-one");
        var credential = await app.Host.Services.GetRequiredService<ApiTokenService>().IssueAsync(user.Id, app.ProjectId, "logs", null);
        var (token, _) = await app.SignInAsync(user.Email!);
        var wrongPassword = "Wrong-" + Guid.NewGuid().ToString("N");
        await app.PostTokenAsync(KeystoneApp.PasswordBody(user.Email!, wrongPassword, "ks-one"));
        var byCredential = await app.PostTokenAsync(JsonNode.Parse(Fill("""
            {"auth": {"identity": {"methods": ["application_credential"], "application_credential": {"id": "@0@", "secret": "@1@"}}}}
            """, credential.Token.Id, credential.Secret))!);
        var credentialToken = byCredential.Headers.GetValues("X-Subject-Token").Single();
        await app.SendAsync(HttpMethod.Get, "/v2.0/security-groups", token);
        await app.SendAsync(HttpMethod.Get, "/identity/v3/auth/tokens", token, subject: credentialToken);
        await app.SendAsync(HttpMethod.Delete, "/identity/v3/auth/tokens", token, subject: token);
        await app.SendAsync(HttpMethod.Get, "/v2.0/security-groups", token);

        var entries = app.Logs.Entries;
        Assert.Contains(entries, e => e.Message.Contains("Issued Keystone token", StringComparison.Ordinal));
        foreach (var secret in new[] { PeopleSeeder.Password, wrongPassword, credential.Secret, token, credentialToken, token[4..], credentialToken[4..] })
        {
            Assert.DoesNotContain(entries, e => e.Message.Contains(secret, StringComparison.Ordinal) || (e.Exception?.ToString().Contains(secret, StringComparison.Ordinal) ?? false));
        }
    }
}
