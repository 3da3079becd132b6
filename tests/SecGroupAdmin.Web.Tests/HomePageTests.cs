using Bunit;
using SecGroupAdmin.Web.Components.Pages;

namespace SecGroupAdmin.Web.Tests;

public class HomePageTests : BunitTestContext
{
    [Fact]
    public void Anonymous_visitor_is_offered_sign_in()
    {
        AddAuthorization();
        var cut = Render<Home>();
        Assert.Equal("Sign in", cut.Find("#home-sign-in").TextContent.Trim());
        Assert.DoesNotContain("Signed in as", cut.Markup);
    }

    [Fact]
    public void Signed_in_user_sees_their_name_and_no_sign_in_button()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("alice@example.test");
        var cut = Render<Home>();
        Assert.Contains("Signed in as", cut.Markup);
        Assert.Contains("alice@example.test", cut.Markup);
        Assert.Empty(cut.FindAll("#home-sign-in"));
    }
}
