using System.Net;
using System.Text.RegularExpressions;

namespace SecGroupAdmin.Web.Tests.Hosting;

/// <summary>
/// Finding 9: security headers on a page, an API response and a static file; a CSP on pages only (with the import
/// map's nonce); no HSTS or HTTPS redirection over plain HTTP by default.
/// </summary>
public partial class SecurityHeaderTests(PlainApp app) : IClassFixture<PlainApp>
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/v2.0/security-groups")]
    [InlineData("/assets/favicon.svg")]
    [InlineData("/no-such-page")]
    public async Task Every_response_has_the_security_headers(string path)
    {
        using var client = SignInForm.NewClient(app.Host.BaseUrl);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Auth-Token", app.MemberToken);
        var response = await client.SendAsync(request);

        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
        Assert.Contains("geolocation=()", Header(response, "Permissions-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_page_has_a_CSP_with_the_import_maps_nonce_and_no_framing()
    {
        using var client = SignInForm.NewClient(app.Host.BaseUrl);
        var response = await client.GetAsync("/Account/Login");
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("default-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        var nonce = NonceInPolicy().Match(csp).Groups[1].Value;
        Assert.NotEmpty(nonce);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", html);

        // Another request, another nonce.
        var again = Header(await client.GetAsync("/Account/Login"), "Content-Security-Policy");
        Assert.DoesNotContain(nonce, again);
    }

    [Theory]
    [InlineData("/v2.0/security-groups")]
    [InlineData("/assets/favicon.svg")]
    public async Task Non_html_responses_have_no_CSP(string path)
    {
        using var client = SignInForm.NewClient(app.Host.BaseUrl);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Auth-Token", app.MemberToken);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Plain_HTTP_is_not_redirected_by_default()
    {
        using var client = SignInForm.NewClient(app.Host.BaseUrl);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : "";

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NonceInPolicy();
}
