using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Components.Pages.Groups;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Tests.Hosting;

namespace SecGroupAdmin.Web.Tests.Pages.Groups;

/// <summary>
/// The document as a plain HTTP client gets it (no browser), signed in through the real form, on the real app over
/// Kestrel: the group page's prerendered HTML holds its first screen of rules; app pages load no Bootstrap (the
/// Account pages do); static assets are fingerprinted, compressed and cached for a year.
/// </summary>
public sealed partial class GroupFirstPaintTests : IAsyncLifetime
{
    private const int RuleCount = 100;

    private TestAppHost host = null!;

    public Task InitializeAsync()
    {
        host = TestAppHost.Start();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => host.DisposeAsync().AsTask();

    [Fact]
    public async Task Prerendered_group_page_holds_the_first_screen_of_rules_in_the_default_order()
    {
        var groupId = await GroupWithRulesAsync();
        using var client = await SignedInClientAsync();

        var html = await client.GetStringAsync($"/t/paint/groups/{groupId}");

        var sentences = RuleSentence().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(GroupFirstScreen.RowCount, sentences.Count);
        // Default order: by port, so the lowest port (the last rule created) comes first.
        Assert.Contains("20001/tcp", sentences[0], StringComparison.Ordinal);
        Assert.Contains($"{20_000 + GroupFirstScreen.RowCount}/tcp", sentences[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("20100/tcp", html, StringComparison.Ordinal);
        Assert.Contains($"Ingress ({RuleCount})", html, StringComparison.Ordinal);
        Assert.Contains("id=\"group-title\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Loading the group", html, StringComparison.Ordinal);
        // Not interactive yet: end-to-end tests wait for the circuit's own render to say so.
        Assert.Contains("id=\"app-ready\" data-interactive=\"false\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_pages_load_no_bootstrap_and_start_their_scripts_after_parsing_the_account_pages_keep_bootstrap()
    {
        var groupId = await GroupWithRulesAsync();
        using var client = await SignedInClientAsync();

        var page = await client.GetStringAsync($"/t/paint/groups/{groupId}");
        var home = await client.GetStringAsync("/");
        var manage = await client.GetStringAsync("/Account/Manage");

        Assert.DoesNotContain("bootstrap", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("bootstrap", home, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("bootstrap.min", manage, StringComparison.Ordinal);
        // No script element that the parser would wait for or run before DOMContentLoaded: the page's scripts are
        // preloaded and listed, in order, for the loader at the end of the body (Chromium: HomePageTests).
        Assert.DoesNotMatch("<script[^>]* src=", page);
        Assert.Matches("<link rel=\"preload\" as=\"script\" href=\"_framework/blazor\\.web\\.[a-z0-9]+\\.js\"", page);
        Assert.Matches("data-scripts=\"_content/MudBlazor/MudBlazor\\.min\\.[a-z0-9]+\\.js _framework/blazor\\.web\\.[a-z0-9]+\\.js Components/Layout/ReconnectModal\\.[a-z0-9]+\\.razor\\.js\\|module\"", page);
        Assert.DoesNotMatch("data-scripts=\"[^\"]*PasskeySubmit", page);
        Assert.Matches("data-scripts=\"[^\"]*Components/Account/Shared/PasskeySubmit\\.[a-z0-9]+\\.razor\\.js\\|module\"", manage);
    }

    [Fact]
    public async Task Static_assets_are_fingerprinted_and_compressed()
    {
        using var client = await SignedInClientAsync();
        var home = await client.GetStringAsync("/");
        var stylesheets = Stylesheet().Matches(home).Select(m => m.Groups[1].Value).ToList();
        // The first paint's part of MudBlazor's stylesheet blocks the first paint; the whole sheet is disabled (not
        // fetched) until a frame is painted (the loader at the end of the body enables it).
        Assert.Contains(stylesheets, s => s.StartsWith("first-paint.", StringComparison.Ordinal));
        Assert.DoesNotContain(stylesheets, s => s.StartsWith("_content/MudBlazor/MudBlazor.min.", StringComparison.Ordinal));
        Assert.Contains(stylesheets, s => s.StartsWith("app.", StringComparison.Ordinal));
        var whole = PreloadedStylesheet().Match(home).Groups[1].Value;
        Assert.StartsWith("_content/MudBlazor/MudBlazor.min.", whole, StringComparison.Ordinal);
        Assert.Contains("document.getElementById('all-styles').disabled = false", home, StringComparison.Ordinal);
        stylesheets.Add(whole);
        var scripts = PreloadedScript().Matches(home).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(scripts, s => s.StartsWith("_content/MudBlazor/MudBlazor.min.", StringComparison.Ordinal));
        Assert.Contains(scripts, s => s.StartsWith("_framework/blazor.web.", StringComparison.Ordinal));

        foreach (var href in stylesheets.Concat(scripts))
        {
            Assert.Matches("\\.[a-z0-9]{10}\\.", href); // the content's fingerprint is in the name
            foreach (var encoding in new[] { "gzip", "br" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/" + href);
                request.Headers.AcceptEncoding.ParseAdd(encoding);
                using var response = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                // Every one, the package's (MudBlazor's, which the SDK leaves uncompressed) too: its 627 KB
                // stylesheet is ~70 KB gzipped. The year-long immutable Cache-Control of fingerprinted names is not
                // checked here: in Development (the test host) MapStaticAssets answers no-cache, for hot reload.
                Assert.True(response.Content.Headers.ContentEncoding.Contains(encoding), $"{href} not sent as {encoding}");
                var body = await response.Content.ReadAsByteArrayAsync();
                using var plain = await client.GetAsync("/" + href);
                var identity = await plain.Content.ReadAsByteArrayAsync();
                Assert.Equal(identity, Decompress(body, encoding));
                if (href.StartsWith("_content/MudBlazor/", StringComparison.Ordinal))
                {
                    // Compressed on the way out (the app's own variants are built uncompressed in Debug builds).
                    Assert.True(body.Length < identity.Length / 2, $"{href}: {body.Length} bytes as {encoding}, {identity.Length} plain");
                }
            }
        }

        // Pages are not compressed here (no secret shares a compressed stream with what a request reflects).
        using var pageRequest = new HttpRequestMessage(HttpMethod.Get, "/");
        pageRequest.Headers.AcceptEncoding.ParseAdd("gzip");
        using var page = await client.SendAsync(pageRequest);
        Assert.Empty(page.Content.Headers.ContentEncoding);
    }

    private static byte[] Decompress(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>A group of <see cref="RuleCount"/> ingress rules, ports 20100 down to 20001 in the order created.</summary>
    private async Task<string> GroupWithRulesAsync()
    {
        await host.People.TenantAsync("paint", ruleQuota: -1);
        var user = await host.People.PersonAsync("paint@paint.test", Role.Member, "paint");
        var caller = await host.People.CallerAsync(user, "paint");
        var service = host.Services.GetRequiredService<SecurityGroupService>();
        var group = await service.CreateGroupAsync(caller, GroupCreateRequest.FromForm("big", "many rules", startEmpty: true));
        await service.CreateRulesAsync(caller, [.. Enumerable.Range(0, RuleCount)
            .Select(i => RuleInput.FromForm(group.Id, "ingress", "IPv4", "tcp", 20_100 - i, 20_100 - i, "10.0.0.0/8", null, $"rule {i}"))]);
        return group.Id;
    }

    /// <summary>A client holding the cookie of the real sign-in form.</summary>
    private async Task<HttpClient> SignedInClientAsync()
    {
        await host.People.PersonAsync("paint@paint.test", Role.Member, "paint");
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(host.BaseUrl),
        };
        var fields = SignInForm.HiddenFieldsOf(await client.GetStringAsync("/Account/Login"));
        fields["Input.Email"] = "paint@paint.test";
        fields["Input.Password"] = PeopleSeeder.Password;
        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [GeneratedRegex("class=\"rule-sentence\">([^<]*)<")]
    private static partial Regex RuleSentence();

    [GeneratedRegex("<link rel=\"stylesheet\"(?: id=\"[^\"]+\")? href=\"([^\"]+)\" ?/?>")]
    private static partial Regex Stylesheet();

    [GeneratedRegex("<link rel=\"stylesheet\" id=\"all-styles\" href=\"([^\"]+)\" disabled ?/?>")]
    private static partial Regex PreloadedStylesheet();

    [GeneratedRegex("<link rel=\"preload\" as=\"script\" href=\"([^\"]+)\"")]
    private static partial Regex PreloadedScript();
}
