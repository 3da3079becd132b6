using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.ApiTokens;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Keystone;
using SecGroupAdmin.Web.Tenancy;

namespace SecGroupAdmin.E2E.Cli;

/// <summary>
/// Debian's unmodified <c>openstack</c> CLI and openstacksdk configured only through a <c>clouds.yaml</c> pointing at
/// the app's <c>/identity</c> (no token or endpoint on the command line): password and application-credential
/// sign-in, the catalog, groups and rules, project and quota look-ups, sharing with a project by name, token revoke,
/// and refusals (wrong password, a reader writing, a locked user's token).
/// </summary>
[Collection(OpenStackCliCollection.Name)]
public class KeystoneCliTests(OpenStackCliFixture cli)
{
    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private string PasswordCloud(string user, string password, string project = "interop") => $"""
        clouds:
          sga:
            auth:
              auth_url: {cli.BaseUrl}/identity
              username: {user}
              password: "{password}"
              project_name: {project}
              user_domain_name: Default
              project_domain_name: Default
            region_name: RegionOne
            identity_api_version: 3
        """;

    private async Task<JsonNode> Json(string home, params string[] args)
    {
        var result = await cli.OpenStackCloudAsync(home, "sga", [.. args, "-f", "json"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Json();
    }

    private async Task<ProcessResult> Run(string home, params string[] args) => await cli.OpenStackCloudAsync(home, "sga", args);

    private async Task<HttpStatusCode> ApiStatusAsync(string token)
    {
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, cli.BaseUrl + "/v2.0/security-groups");
        request.Headers.Add("X-Auth-Token", token);
        return (await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task A_member_with_a_password_clouds_yaml_issues_a_token_manages_groups_and_rules_looks_up_the_project_and_revokes()
    {
        var home = cli.CloudHome(PasswordCloud("member@cli.test", PeopleSeeder.Password));

        var token = await Json(home, "token", "issue");
        var tokenId = (string)token["id"]!;
        Assert.StartsWith("sgk_", tokenId);
        Assert.Equal(cli.TenantId, (string?)token["project_id"]);

        var catalog = await Json(home, "catalog", "list");
        var services = catalog.AsArray().ToDictionary(s => (string)s!["Type"]!, s => s!["Endpoints"]!.ToJsonString());
        Assert.Contains("identity", services.Keys);
        Assert.Contains("network", services.Keys);
        Assert.Contains(cli.BaseUrl, services["network"]);

        var name = Unique("ks-web");
        var group = await Json(home, "security", "group", "create", name, "--description", "made through Keystone sign-in");
        var groupId = (string)group["id"]!;
        Assert.Equal(cli.TenantId, (string?)group["project_id"]);
        var rule = await Json(home, "security", "group", "rule", "create", groupId, "--protocol", "tcp", "--dst-port", "443", "--remote-ip", "203.0.113.0/24");
        var ruleId = (string)rule["id"]!;
        var rules = await Json(home, "security", "group", "rule", "list", groupId);
        Assert.Contains(rules.AsArray(), r => (string?)r!["ID"] == ruleId && (string?)r["IP Range"] == "203.0.113.0/24");
        var groups = await Json(home, "security", "group", "list");
        Assert.Contains(groups.AsArray(), g => (string?)g!["Name"] == name);

        var project = await Json(home, "project", "show", "interop");
        Assert.Equal(cli.TenantId, (string?)project["id"]);
        Assert.Equal("default", (string?)project["domain_id"]);
        var quota = await Json(home, "quota", "show", "interop");
        Assert.Equal(50, (int)quota["secgroups"]!);
        Assert.Equal(500, (int)quota["secgroup-rules"]!);
        Assert.Equal(cli.TenantId, (string?)quota["project"]);

        Assert.Equal(0, (await Run(home, "security", "group", "rule", "delete", ruleId)).ExitCode);
        Assert.Equal(0, (await Run(home, "security", "group", "delete", groupId)).ExitCode);
        Assert.DoesNotContain((await Json(home, "security", "group", "list")).AsArray(), g => (string?)g!["Name"] == name);

        Assert.Equal(HttpStatusCode.OK, await ApiStatusAsync(tokenId));
        var revoke = await Run(home, "token", "revoke", tokenId);
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiStatusAsync(tokenId));
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        var home = cli.CloudHome(PasswordCloud("member@cli.test", "Not-the-Passw0rd"));
        var result = await Run(home, "token", "issue");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("requires authentication", result.Stderr);
        Assert.Contains("401", result.Stderr);
    }

    [Fact]
    public async Task A_reader_lists_but_cannot_write()
    {
        await cli.Host.People.PersonAsync("reader@cli.test", Role.Reader, "interop");
        var home = cli.CloudHome(PasswordCloud("reader@cli.test", PeopleSeeder.Password));
        Assert.NotEmpty((await Json(home, "security", "group", "list")).AsArray());
        var create = await Run(home, "security", "group", "create", Unique("reader-try"));
        Assert.NotEqual(0, create.ExitCode);
        Assert.Contains("403", create.Stderr + create.Stdout);
    }

    [Fact]
    public async Task An_API_token_works_as_an_application_credential_by_id_and_by_name()
    {
        var user = await cli.Host.People.PersonAsync("ci-bot@cli.test", Role.Member, "interop");
        var issued = await cli.Host.Services.GetRequiredService<ApiTokenService>().IssueAsync(user.Id, cli.TenantId, "ci-pipeline", null);
        // by-id: exactly the clouds.yaml the API tokens page shows with a new token.
        var home = cli.CloudHome(CloudsYaml.ForApplicationCredential(cli.BaseUrl, issued.Token.Id, issued.Secret, "by-id") + "\n" + $"""
              by-name:
                auth_type: v3applicationcredential
                auth:
                  auth_url: {cli.BaseUrl}/identity
                  application_credential_name: ci-pipeline
                  username: ci-bot@cli.test
                  user_domain_name: Default
                  application_credential_secret: {issued.Secret}
                region_name: RegionOne
            """);
        foreach (var cloud in new[] { "by-id", "by-name" })
        {
            var token = await cli.OpenStackCloudAsync(home, cloud, "token", "issue", "-f", "json");
            Assert.True(token.ExitCode == 0, token.ToString());
            Assert.Equal(cli.TenantId, (string?)token.Json()["project_id"]);
            var name = Unique("cred-" + cloud);
            var created = await cli.OpenStackCloudAsync(home, cloud, "security", "group", "create", name, "-f", "json");
            Assert.True(created.ExitCode == 0, created.ToString());
            Assert.Equal(0, (await cli.OpenStackCloudAsync(home, cloud, "security", "group", "delete", (string)created.Json()["id"]!)).ExitCode);
        }
    }

    [Fact]
    public async Task A_token_stops_working_once_its_user_is_locked()
    {
        var user = await cli.Host.People.PersonAsync("to-lock@cli.test", Role.Member, "interop");
        var home = cli.CloudHome(PasswordCloud(user.Email!, PeopleSeeder.Password));
        var tokenId = (string)(await Json(home, "token", "issue"))["id"]!;
        var tokenHome = cli.CloudHome($"""
            clouds:
              sga:
                auth_type: v3token
                auth:
                  auth_url: {cli.BaseUrl}/identity
                  token: {tokenId}
                  project_id: {cli.TenantId}
                region_name: RegionOne
            """);
        Assert.NotEmpty((await Json(tokenHome, "security", "group", "list")).AsArray());

        await cli.Host.Services.GetRequiredService<TenantAdministrationService>()
            .SetUserLockedAsync(Caller.SystemOperator(ChangeSource.CLI), user.Id, locked: true);

        var refused = await Run(tokenHome, "security", "group", "list");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await ApiStatusAsync(tokenId));
        Assert.NotEqual(0, (await Run(home, "token", "issue")).ExitCode);
    }

    [Fact]
    public async Task A_group_is_shared_with_a_project_named_on_the_command_line()
    {
        var home = cli.CloudHome(PasswordCloud("member@cli.test", PeopleSeeder.Password));
        var name = Unique("ks-shared");
        var groupId = (string)(await Json(home, "security", "group", "create", name))["id"]!;
        // The CLI looks the target project up in Keystone; a member may not see another project (403, as Keystone
        // answers users who are not admins), so the CLI passes the id on as given.
        var policy = await Json(home, "network", "rbac", "create", "--type", "security_group", "--action", "access_as_shared",
            "--target-project", cli.OtherTenantId, groupId);
        Assert.Equal(cli.OtherTenantId, (string?)policy["target_project_id"]);

        var other = cli.CloudHome(PasswordCloud("member-b@cli.test", PeopleSeeder.Password, "interop-b"));
        Assert.Contains((await Json(other, "security", "group", "list")).AsArray(), g => (string?)g!["ID"] == groupId);
        Assert.Equal(0, (await Run(home, "network", "rbac", "delete", (string)policy["id"]!)).ExitCode);
        Assert.Equal(0, (await Run(home, "security", "group", "delete", groupId)).ExitCode);
    }

    [Fact]
    public async Task Openstacksdk_connects_from_clouds_yaml_and_manages_groups_rules_and_quotas()
    {
        var home = cli.CloudHome(PasswordCloud("member@cli.test", PeopleSeeder.Password));
        var result = await cli.PythonCloudAsync(home, "sga", """
import json, sys, warnings
warnings.simplefilter("ignore")
import openstack
conn = openstack.connect(cloud=sys.argv[1])
net = conn.network
sg = net.create_security_group(name="sdk-keystone")
rules = list(net.create_security_group_rules([
    {"security_group_id": sg.id, "direction": "ingress", "protocol": "tcp", "port_range_min": 22, "port_range_max": 22, "remote_ip_prefix": "10.0.0.0/8"},
    {"security_group_id": sg.id, "direction": "ingress", "protocol": "udp", "port_range_min": 53, "port_range_max": 53, "remote_ip_prefix": "10.0.0.0/8"},
]))
listed = sorted(r.id for r in net.security_group_rules(security_group_id=sg.id, direction="ingress"))
project = conn.identity.get_project(conn.current_project_id)
quota = net.get_quota(conn.current_project_id)
net.delete_security_group(sg.id)
print(json.dumps({"project_id": conn.current_project_id, "project": project.name, "group_project": sg.project_id,
    "created": sorted(r.id for r in rules), "listed": listed, "quota_groups": quota.security_groups,
    "gone": net.find_security_group(sg.id, ignore_missing=True) is None}))
""");
        var output = result.Json();
        Assert.Equal(cli.TenantId, (string?)output["project_id"]);
        Assert.Equal("interop", (string?)output["project"]);
        Assert.Equal(cli.TenantId, (string?)output["group_project"]);
        Assert.Equal(2, output["created"]!.AsArray().Count);
        Assert.Equal(output["created"]!.ToJsonString(), output["listed"]!.ToJsonString());
        Assert.Equal(50, (int)output["quota_groups"]!);
        Assert.True((bool)output["gone"]!);
    }
}
