using System.Net;
using System.Text.RegularExpressions;

namespace SecGroupAdmin.Web.Tests.Invites;

/// <summary>
/// A cookie-keeping HTTP client against the real app over Kestrel that fills in the Identity pages' forms the way a
/// browser does: GET the page, keep its hidden fields (antiforgery token, form name, codes), POST them with the inputs.
/// </summary>
public sealed partial class AccountBrowser(string baseUrl) : IDisposable
{
    public const string IdentityCookie = ".AspNetCore.Identity.Application";

    private readonly CookieContainer cookies = new();
    private HttpClient? client;

    public HttpClient Http => client ??= new HttpClient(
        new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false, UseCookies = true })
    {
        BaseAddress = new Uri(baseUrl),
    };

    /// <summary>Whether the sign-in cookie is set.</summary>
    public bool SignedIn => cookies.GetCookies(Http.BaseAddress!).Any(c => c.Name == IdentityCookie && c.Value.Length > 0);

    /// <summary>GETs <paramref name="path"/> and POSTs its form back with <paramref name="inputs"/> over the hidden fields.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, IReadOnlyDictionary<string, string> inputs)
    {
        var page = await Http.GetAsync(path);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {path}: {page.StatusCode}");
        var fields = HiddenFields(await page.Content.ReadAsStringAsync());
        foreach (var (name, value) in inputs)
        {
            fields[name] = value;
        }
        return await Http.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>Signs in through /Account/Login; true when the app answered with a redirect and the sign-in cookie.</summary>
    public async Task<bool> SignInAsync(string email, string password)
    {
        var response = await SubmitAsync("/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return response.StatusCode == HttpStatusCode.Redirect && SignedIn;
    }

    public static Dictionary<string, string> HiddenFields(string html) =>
        HiddenInput().Matches(html)
            .Select(m => (Name: Attr(m.Value, "name"), Value: Attr(m.Value, "value")))
            .Where(f => f.Name is not null)
            .GroupBy(f => f.Name!)
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Value ?? ""));

    private static string? Attr(string tag, string name)
    {
        var m = Regex.Match(tag, $"{name}=\"([^\"]*)\"");
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>")]
    private static partial Regex HiddenInput();

    public void Dispose() => client?.Dispose();
}
