using System.Security.Claims;
using Bunit;
using SecGroupAdmin.Web.Components.Pages;
using SecGroupAdmin.Web.Tests.Infrastructure;

namespace SecGroupAdmin.Web.Tests;

public class HomePageTests : BunitTestContext
{
    private readonly SqliteTestDatabase database = new();

    public HomePageTests()
    {
        database.AddAppCoreTo(Services);
    }

    [Fact]
    public void Anonymous_visitor_is_offered_sign_in()
    {
        AddAuthorization();
        var cut = Render<Home>();
        Assert.Equal("Sign in", cut.Find("#home-sign-in").TextContent.Trim());
        Assert.DoesNotContain("Signed in as", cut.Markup);
    }

    [Fact]
    public async Task Signed_in_user_sees_their_name_their_tenants_and_no_sign_in_button()
    {
        {
            var user = await database.People.PersonAsync("alice@example.test", Role.Reader, "acme");
            await database.People.TenantAsync("other-corp");
            var auth = AddAuthorization();
            auth.SetAuthorized("alice@example.test");
            auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id));
        }
        var cut = Render<Home>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".tenant-card")));
        Assert.Contains("Signed in as", cut.Markup);
        Assert.Contains("alice@example.test", cut.Markup);
        Assert.Contains("acme", cut.Markup);
        Assert.Contains("your role: reader", cut.Markup);
        Assert.DoesNotContain("other-corp", cut.Markup);
        Assert.Empty(cut.FindAll("#home-sign-in"));
    }

    [Fact]
    public async Task Signed_in_user_without_tenants_is_told_how_to_get_one()
    {
        {
            var user = await database.People.PersonAsync("bob@example.test", Role.Outsider);
            await database.People.TenantAsync("acme");
            var auth = AddAuthorization();
            auth.SetAuthorized("bob@example.test");
            auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id));
        }
        var cut = Render<Home>();
        cut.WaitForAssertion(() => Assert.Contains("You are not in any tenant yet", cut.Markup));
        Assert.DoesNotContain("acme", cut.Markup);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            database.Dispose();
        }
    }
}
