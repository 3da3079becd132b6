using Bunit;
using SecGroupAdmin.Web.Components.Pages;
using SecGroupAdmin.Web.Tests.Pages.Groups;

namespace SecGroupAdmin.Web.Tests;

/// <summary>Home needs the real UiCallerProvider (tenant cards); the cards per role are in Pages/LayoutAndHomeTests.</summary>
public class HomePageTests : GroupsUiTestContext
{
    [Fact]
    public void Anonymous_visitor_is_offered_sign_in()
    {
        Auth.SetNotAuthorized();
        var cut = Render<Home>();
        Assert.Equal("Sign in", cut.Find("#home-sign-in").TextContent.Trim());
        Assert.DoesNotContain("Signed in as", cut.Markup);
    }

    [Fact]
    public void Signed_in_user_sees_their_name_and_no_sign_in_button()
    {
        var auth = Auth;
        auth.SetAuthorized("alice@example.test");
        var cut = Render<Home>();
        Assert.Contains("Signed in as", cut.Markup);
        Assert.Contains("alice@example.test", cut.Markup);
        Assert.Empty(cut.FindAll("#home-sign-in"));
    }
}
