using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace SecGroupAdmin.Web.Tests.Hosting;

/// <summary>
/// Finding 8: a foreign or malformed ReturnUrl after a good sign-in goes to the home page (it was a 500), and posts
/// without an antiforgery token to the Identity endpoints answer 400 (they were 500s).
/// </summary>
public class IdentityEndpointTests(PlainApp app) : IClassFixture<PlainApp>
{
    public static TheoryData<string> ForeignReturnUrls => new()
    {
        "//evil.example",
        "https://evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
        "\\\\evil.example",
        "http:evil.example",
    };

    [Theory]
    [MemberData(nameof(ForeignReturnUrls))]
    public async Task Sign_in_with_a_foreign_ReturnUrl_goes_home(string returnUrl)
    {
        using var form = await SignInForm.OpenAsync(app.Host.BaseUrl);
        var response = await form.PostAsync(PlainApp.MemberEmail, PeopleSeeder.Password, returnUrl: returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var target = new Uri(new Uri(app.Host.BaseUrl), response.Headers.Location!);
        Assert.Equal(new Uri(app.Host.BaseUrl).Authority, target.Authority);
        Assert.Equal("/", target.AbsolutePath);
    }

    [Fact]
    public async Task Sign_in_with_a_local_ReturnUrl_goes_there()
    {
        using var form = await SignInForm.OpenAsync(app.Host.BaseUrl);
        var response = await form.PostAsync(PlainApp.MemberEmail, PeopleSeeder.Password, returnUrl: "/account/tokens");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/tokens", new Uri(new Uri(app.Host.BaseUrl), response.Headers.Location!).AbsolutePath);
    }

    /// <summary>
    /// The API-token schemes are not sign-in providers: the sign-in page offers no external login form (a display name on
    /// the cookie-or-token policy scheme once listed it there as an external login, with a second form).
    /// </summary>
    [Fact]
    public async Task The_sign_in_page_offers_no_external_login()
    {
        using var client = SignInForm.NewClient(app.Host.BaseUrl);
        var page = await client.GetStringAsync("/Account/Login");

        Assert.DoesNotContain("PerformExternalLogin", page, StringComparison.Ordinal);
        Assert.DoesNotContain("API token", page, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "name=\"__RequestVerificationToken\""));
    }

    /// <summary>
    /// In Production (exception handler, no developer page) the form-bound endpoints' antiforgery failure was an
    /// exception and so a 500; the Development host above would show it as 400 either way.
    /// </summary>
    [Fact]
    public async Task Posts_without_an_antiforgery_token_answer_400_in_Production()
    {
        await using var host = TestAppHost.Start(new TestAppOptions
        {
            AdminEmail = "root@production.test",
            Configure = b => b.UseEnvironment("Production"),
        });
        await host.People.TenantAsync("prod");
        await host.People.PersonAsync("member@production.test", Role.Member, "prod");
        using var form = await SignInForm.OpenAsync(host.BaseUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync("member@production.test", PeopleSeeder.Password)).StatusCode);

        var statuses = new List<string>();
        foreach (var path in new[] { "/Account/Logout", "/Account/PerformExternalLogin", "/Account/Manage/LinkExternalLogin", "/Account/PasskeyCreationOptions", "/Account/PasskeyRequestOptions" })
        {
            var response = await form.Client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["provider"] = "Google",
                ["returnUrl"] = "/",
            }));
            statuses.Add($"{path} {(int)response.StatusCode}");
        }
        Assert.All(statuses, s => Assert.EndsWith(" 400", s));
    }

    [Theory]
    [InlineData("/Account/Logout")]
    [InlineData("/Account/PerformExternalLogin")]
    [InlineData("/Account/PasskeyCreationOptions")]
    [InlineData("/Account/PasskeyRequestOptions")]
    [InlineData("/Account/Manage/LinkExternalLogin")]
    public async Task Posts_without_an_antiforgery_token_answer_400(string path)
    {
        using var form = await SignInForm.OpenAsync(app.Host.BaseUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(PlainApp.MemberEmail, PeopleSeeder.Password)).StatusCode);

        var response = await form.Client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["provider"] = "Google",
            ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        var empty = await form.Client.PostAsync(path, null);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }
}
