using Bunit;
using SecGroupAdmin.Web.Components.Pages;
using SecGroupAdmin.Web.Tests.Pages;

namespace SecGroupAdmin.Web.Tests;

/// <summary>Home injects UiCallerProvider, so it needs the page test services.</summary>
public class HomePageTests : PageTestContext
{
    [Fact]
    public void Anonymous_visitor_is_offered_sign_in()
    {
        var cut = Render<Home>();
        Assert.Equal("Sign in", cut.Find("#home-sign-in").TextContent.Trim());
        Assert.DoesNotContain("Signed in as", cut.Markup);
    }

    [Fact]
    public void Signed_in_user_sees_their_name_and_no_sign_in_button()
    {
        Auth.SetAuthorized("alice@example.test");
        var cut = Render<Home>();
        Assert.Contains("Signed in as", cut.Markup);
        Assert.Contains("alice@example.test", cut.Markup);
        Assert.Empty(cut.FindAll("#home-sign-in"));
    }
}
