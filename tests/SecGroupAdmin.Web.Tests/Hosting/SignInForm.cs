using System.Net;
using System.Text.RegularExpressions;

namespace SecGroupAdmin.Web.Tests.Hosting;

/// <summary>
/// The real sign-in form over HTTP: a client with its own cookies (no redirects followed), the form's hidden fields
/// (antiforgery token, handler) read from GET /Account/Login, and posts of email and password.
/// </summary>
public sealed partial class SignInForm : IDisposable
{
    private readonly Dictionary<string, string> hidden;

    private SignInForm(HttpClient client, Dictionary<string, string> hidden)
    {
        Client = client;
        this.hidden = hidden;
    }

    public HttpClient Client { get; }

    public static HttpClient NewClient(string baseUrl) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(baseUrl),
        };

    public static async Task<SignInForm> OpenAsync(string baseUrl)
    {
        var client = NewClient(baseUrl);
        var page = await client.GetStringAsync("/Account/Login");
        return new SignInForm(client, HiddenFieldsOf(page));
    }

    /// <summary>
    /// The hidden fields of the sign-in page (the antiforgery token, the return URL), by name; the page's other forms
    /// (passkey) repeat the antiforgery field, and the first of each name is kept.
    /// </summary>
    public static Dictionary<string, string> HiddenFieldsOf(string page) =>
        HiddenInput().Matches(page)
            .Select(m => (Name: Attr(m.Value, "name"), Value: Attr(m.Value, "value")))
            .Where(f => f.Name is not null)
            .DistinctBy(f => f.Name)
            .ToDictionary(f => f.Name!, f => WebUtility.HtmlDecode(f.Value ?? ""));

    /// <summary>Posts the form; <paramref name="forwardedFor"/> sets X-Forwarded-For (as a proxy would).</summary>
    public Task<HttpResponseMessage> PostAsync(string email, string password, string? forwardedFor = null, string? returnUrl = null)
    {
        var fields = new Dictionary<string, string>(hidden)
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        };
        var path = returnUrl is null ? "/Account/Login" : "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }
        return Client.SendAsync(request);
    }

    public void Dispose() => Client.Dispose();

    private static string? Attr(string tag, string name)
    {
        var m = Regex.Match(tag, $"{name}=\"([^\"]*)\"");
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>")]
    private static partial Regex HiddenInput();
}
