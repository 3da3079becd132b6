using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Components.Pages;
using SecGroupAdmin.Web.Tests.Infrastructure;

namespace SecGroupAdmin.Web.Tests;

public class HomePageTests : BunitTestContext
{
    private readonly SqliteTestDatabase database = new();

    public HomePageTests()
    {
        database.AddTo(Services);
        Services.AddSingleton<CallerFactory>();
        Services.AddScoped<UiCallerProvider>();
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
    public void Signed_in_user_sees_their_name_their_tenants_and_no_sign_in_button()
    {
        using (var db = database.CreateDbContext())
        {
            var user = db.AddUser("alice@example.test");
            var acme = db.AddTenant("acme");
            db.AddTenant("other-corp");
            db.AddMembership(user.Id, acme.Id, "reader");
            db.SaveChanges();
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
    public void Signed_in_user_without_tenants_is_told_how_to_get_one()
    {
        using (var db = database.CreateDbContext())
        {
            var user = db.AddUser("bob@example.test");
            db.AddTenant("acme");
            db.SaveChanges();
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
