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
        foreach (var path in new[] { "/Account/Logout", "/Account/PerformExternalLogin", "/Account/Manage/LinkExternalLogin", "/Account/PasskeyCreationOptions", "/Account/PasskeyRequestOptions", "/Account/Manage/DownloadPersonalData" })
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
    [InlineData("/Account/Manage/DownloadPersonalData")]
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

    /// <summary>
    /// The personal data (the authenticator key among it) goes out only to the site's own form: a post without its
    /// antiforgery token answers 400 (it answered 200 with the file), the form's post still downloads it.
    /// </summary>
    [Fact]
    public async Task Personal_data_downloads_only_with_the_forms_antiforgery_token()
    {
        using var form = await SignInForm.OpenAsync(app.Host.BaseUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(PlainApp.MemberEmail, PeopleSeeder.Password)).StatusCode);

        var forged = await form.Client.PostAsync("/Account/Manage/DownloadPersonalData", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain("Authenticator Key", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var page = await form.Client.GetStringAsync("/Account/Manage/PersonalData");
        var fields = SignInForm.HiddenFieldsOf(page);
        var download = await form.Client.PostAsync("/Account/Manage/DownloadPersonalData", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = fields["__RequestVerificationToken"] }));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Contains("Authenticator Key", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
