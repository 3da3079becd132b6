using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using SecGroupAdmin.Data.Identity;

namespace SecGroupAdmin.Web.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    public void RedirectTo(string? uri) => navigationManager.NavigateTo(LocalTarget(uri));

    /// <summary>
    /// Prevents open redirects: a path of this app (relative, or absolute under the base URI) is kept; anything else
    /// (another host, <c>//host</c>, <c>/\host</c>, a scheme such as <c>javascript:</c>, control characters) falls
    /// back to the home page instead of throwing.
    /// </summary>
    private string LocalTarget(string? uri)
    {
        if (string.IsNullOrEmpty(uri) || uri.Contains('\\', StringComparison.Ordinal) || uri.Any(char.IsControl))
        {
            return "";
        }
        if (uri.StartsWith(navigationManager.BaseUri, StringComparison.OrdinalIgnoreCase))
        {
            uri = navigationManager.ToBaseRelativePath(uri);
        }
        else if (!Uri.IsWellFormedUriString(uri, UriKind.Relative))
        {
            return "";
        }
        var path = uri.Split('?', '#')[0];
        return uri.StartsWith("//", StringComparison.Ordinal) || path.Contains(':', StringComparison.Ordinal) ? "" : uri;
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context)
        => RedirectToWithStatus(CurrentPath, message, context);

    public void RedirectToInvalidUser(UserManager<ApplicationUser> userManager, HttpContext context)
        => RedirectToWithStatus("Account/InvalidUser", $"Error: Unable to load user with ID '{userManager.GetUserId(context.User)}'.", context);
}
