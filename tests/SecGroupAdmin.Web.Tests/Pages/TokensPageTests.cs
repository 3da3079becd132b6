using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using SecGroupAdmin.Web.ApiTokens;
using SecGroupAdmin.Web.Components.Pages.Tokens;

namespace SecGroupAdmin.Web.Tests.Pages;

public class TokensPageTests : PageTestContext
{
    private ApiTokenService Tokens => Services.GetRequiredService<ApiTokenService>();

    private Bunit.IRenderedComponent<Bunit.Rendering.ContainerFragment> Open(Role who)
    {
        SignIn(As(who));
        var cut = RenderPage<TokensPage>();
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("#tokens-table, #not-authorized").Count > 0), TimeSpan.FromSeconds(5));
        return cut;
    }

    [Theory]
    [InlineData(Role.TenantAdmin)]
    [InlineData(Role.Member)]
    [InlineData(Role.Reader)]
    [InlineData(Role.Auditor)]
    [InlineData(Role.CloudAdmin)]
    [InlineData(Role.Outsider)]
    public async Task Everyone_sees_only_their_own_tokens(Role who)
    {
        await Tokens.IssueAsync(Member.Id, Acme.Id, "member-ci", null);
        await Tokens.IssueAsync(Outsider.Id, Other.Id, "outsider-ci", null);
        var cut = Open(who);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("#create-token")));
        var names = cut.FindAll(".token-name").Select(e => e.TextContent).ToList();
        var expected = who switch { Role.Member => ["member-ci"], Role.Outsider => ["outsider-ci"], _ => new List<string>() };
        Assert.Equal(expected, names);
        if (expected.Count == 0)
        {
            Assert.Contains("No API tokens", cut.Markup);
        }
    }

    [Fact]
    public async Task Create_shows_the_secret_once_with_examples_and_stores_only_its_hash()
    {
        var cut = Open(Role.Member);
        cut.Find("#create-token").Click();
        cut.WaitForAssertion(() => cut.Find("#token-name"));
        // One tenant: it is chosen already.
        cut.Find("#token-name").Input("ci-pipeline");
        cut.Find("#token-save").Click();

        cut.WaitForAssertion(() => cut.Find("#curl-example"), TimeSpan.FromSeconds(5));
        var secret = cut.FindComponents<MudTextField<string>>().Select(f => f.Instance.GetState(x => x.Value)).Single(v => v?.StartsWith("sga_", StringComparison.Ordinal) == true)!;
        Assert.Contains($"X-Auth-Token: {secret}", cut.Find("#curl-example").TextContent);
        Assert.Contains("/v2.0/security-groups", cut.Find("#curl-example").TextContent);
        Assert.Equal("openstack --os-cloud secgroupadmin security group list", cut.Find("#cli-example").TextContent);
        var clouds = cut.Find("#clouds-yaml").TextContent;
        Assert.Contains("shown once", cut.Find("#secret-once").TextContent);

        await using var db = OpenDb();
        var token = await db.ApiTokens.SingleAsync();
        Assert.Equal(("ci-pipeline", Member.Id, Acme.Id), (token.Name, token.UserId, token.TenantId));
        Assert.NotNull(token.ExpiresAt);
        Assert.DoesNotContain(secret, token.TokenHash);
        Assert.True((await Tokens.ValidateAsync(secret)).Succeeded);
        // The clouds.yaml names the token as an application credential (the E2E KeystoneCliTests run the CLI on this text).
        Assert.Equal(Web.Keystone.CloudsYaml.ForApplicationCredential(Services.GetRequiredService<NavigationManager>().BaseUri, token.Id, secret), clouds);
        Assert.Contains($"application_credential_secret: {secret}", clouds);
        Assert.Contains("auth_url: http://localhost/identity\n", clouds.ReplaceLineEndings("\n"));
        var audit = await db.AuditEntries.SingleAsync(a => a.ResourceType == "api_token");
        Assert.Equal(("create", "UI"), (audit.Action, audit.Source));
        Assert.DoesNotContain(secret, audit.AfterJson);

        cut.Find("#copy-token").Click();
        Assert.Contains(JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText" && (string?)i.Arguments[0] == secret);
        cut.Find("#secret-done").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#token-secret")));
        Assert.DoesNotContain(secret, cut.Markup);
        Assert.Single(cut.FindAll(".token-name"));
    }

    [Fact]
    public async Task Create_dialog_explains_bad_input()
    {
        SignIn(CloudAdmin); // sees every tenant, so none is chosen for them
        var cut = RenderPage<TokensPage>();
        cut.WaitForAssertion(() => cut.Find("#create-token"));
        cut.Find("#create-token").Click();
        cut.WaitForAssertion(() => cut.Find("#token-name"));
        cut.Find("#token-save").Click();
        cut.WaitForAssertion(() => Assert.Contains("Choose the tenant the token acts in.", cut.Markup));
        Assert.Contains("Give the token a name.", cut.Markup);
        await cut.InvokeAsync(() => cut.FindComponent<MudNumericField<int?>>().Instance.ValueChanged.InvokeAsync(0));
        cut.WaitForAssertion(() => Assert.Contains("Between 1 and 3650 days", cut.Markup));
        await using var db = OpenDb();
        Assert.Equal(0, await db.ApiTokens.CountAsync());
    }

    [Fact]
    public async Task Revoke_asks_first_then_marks_the_token_revoked()
    {
        var issued = await Tokens.IssueAsync(Member.Id, Acme.Id, "old", null);
        var cut = Open(Role.Member);
        cut.WaitForAssertion(() => cut.Find(".revoke-token"));
        cut.Find(".revoke-token").Click();
        cut.WaitForAssertion(() => cut.Find("#confirm-ok"));
        cut.Find("#confirm-ok").Click();
        cut.WaitForAssertion(() => Assert.Equal("revoked", cut.Find(".token-status").TextContent.Trim()), TimeSpan.FromSeconds(5));
        Assert.Empty(cut.FindAll(".revoke-token"));
        Assert.Equal(ApiTokenRefusal.Revoked, (await Tokens.ValidateAsync(issued.Secret)).Refusal);
        await using var db = OpenDb();
        Assert.Single(db.AuditEntries.Where(a => a.ResourceType == "api_token" && a.Action == "update" && a.Source == "UI"));
    }

    [Fact]
    public async Task A_user_in_no_tenant_cannot_create_a_token()
    {
        await using (var db = OpenDb())
        {
            db.Memberships.RemoveRange(db.Memberships.Where(m => m.UserId == Outsider.Id));
            await db.SaveChangesAsync();
        }
        var cut = Open(Role.Outsider);
        cut.WaitForAssertion(() => cut.Find("#no-tenants"));
        Assert.True(cut.Find("#create-token").HasAttribute("disabled"));
    }

    [Fact]
    public async Task An_operator_of_many_tenants_searches_for_the_tenant_and_sees_only_the_tokens_tenants_named()
    {
        for (var i = 0; i < SecGroupAdmin.Web.Auth.UiCallerProvider.ChoicesShown + 5; i++)
        {
            await Db.People.TenantAsync($"zz-tenant-{i:D2}");
        }
        await using (var db = OpenDb())
        {
            var far = await db.Tenants.SingleAsync(t => t.Name == "zz-tenant-24");
            await Tokens.IssueAsync(CloudAdmin.Id, far.Id, "far-ci", null);
        }
        SignIn(CloudAdmin);
        var cut = RenderPage<TokensPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".token-name")), TimeSpan.FromSeconds(5));
        // The token's tenant is named although it is past the first page of tenants.
        Assert.Contains("zz-tenant-24", cut.Find("#tokens-table tbody").TextContent);
        Assert.Equal("active", cut.Find(".token-status").TextContent.Trim());

        cut.Find("#create-token").Click();
        cut.WaitForAssertion(() => cut.Find("#token-name"));
        // More tenants than a menu holds: a search field, not a list of every tenant.
        var field = cut.FindComponent<MudAutocomplete<SecGroupAdmin.Web.Auth.TenantChoice>>();
        Assert.Empty(cut.FindComponents<MudSelect<string>>());
        var search = field.Instance.SearchFunc!;
        var pending = search("tenant-23", CancellationToken.None);
        Assert.NotNull(pending);
        var matches = await pending;
        Assert.NotNull(matches);
        var found = matches.OfType<SecGroupAdmin.Web.Auth.TenantChoice>().ToList();
        Assert.Equal(["zz-tenant-23"], found.Select(t => t.Name));
        await cut.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync(found[0]));
        cut.Find("#token-name").Input("deploy");
        cut.Find("#token-save").Click();
        cut.WaitForAssertion(() => cut.Find("#curl-example"), TimeSpan.FromSeconds(5));

        await using var check = OpenDb();
        var created = await check.ApiTokens.SingleAsync(t => t.Name == "deploy");
        Assert.Equal((await check.Tenants.SingleAsync(t => t.Name == "zz-tenant-23")).Id, created.TenantId);
    }
}
