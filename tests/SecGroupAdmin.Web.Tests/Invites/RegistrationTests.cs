using System.Net;
using Microsoft.EntityFrameworkCore;

namespace SecGroupAdmin.Web.Tests.Invites;

/// <summary>Self-registration over Kestrel: closed by default (404, no user, no cookie), open with <c>Identity:AllowSelfRegistration</c>.</summary>
public class RegistrationTests
{
    private const string Stranger = "stranger@register.test";
    private const string NormalizedStranger = "STRANGER@REGISTER.TEST";

    private static Dictionary<string, string> RegisterForm() => new()
    {
        ["_handler"] = "register",
        ["Input.Email"] = Stranger,
        ["Input.Password"] = PeopleSeeder.Password,
        ["Input.ConfirmPassword"] = PeopleSeeder.Password,
    };

    [Fact]
    public async Task By_default_register_answers_404_creates_no_user_and_signs_no_one_in()
    {
        await using var host = TestAppHost.Start();
        using var browser = new AccountBrowser(host.BaseUrl);

        var get = await browser.Http.GetAsync("/Account/Register");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        // The antiforgery token of another form, as an attacker would bring one.
        var login = await browser.Http.GetStringAsync("/Account/Login");
        var fields = AccountBrowser.HiddenFields(login);
        foreach (var (name, value) in RegisterForm())
        {
            fields[name] = value;
        }
        foreach (var path in new[] { "/Account/Register", "/account/register/", "/Account/Register?ReturnUrl=%2F" })
        {
            var post = await browser.Http.PostAsync(path, new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
        // The external-login registration form is closed too.
        var external = await browser.Http.PostAsync("/Account/ExternalLogin", new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["_handler"] = "confirmation" }));
        Assert.Equal(HttpStatusCode.NotFound, external.StatusCode);

        Assert.False(browser.SignedIn);
        await using var db = await host.DbAsync();
        Assert.False(await db.Users.AnyAsync(u => u.NormalizedEmail == NormalizedStranger));
        // The sign-in page no longer offers it.
        Assert.DoesNotContain("Account/Register", login, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task With_AllowSelfRegistration_register_creates_the_user_and_signs_them_in()
    {
        await using var host = TestAppHost.Start(new TestAppOptions
        {
            Settings = new Dictionary<string, string> { ["Identity:AllowSelfRegistration"] = "true" },
        });
        using var browser = new AccountBrowser(host.BaseUrl);

        Assert.Contains("Account/Register", await browser.Http.GetStringAsync("/Account/Login"), StringComparison.Ordinal);
        var post = await browser.SubmitAsync("/Account/Register", RegisterForm());

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.True(browser.SignedIn);
        await using var db = await host.DbAsync();
        Assert.True(await db.Users.AnyAsync(u => u.NormalizedEmail == NormalizedStranger));
    }
}
