namespace SecGroupAdmin.Web.Components.Layout;

/// <summary>Reads the tenant and the page within it from a URL of the form <c>/t/{tenant}/{section}/...</c>.</summary>
public static class CurrentTenant
{
    public static (string? Tenant, string Section) FromUri(string uri)
    {
        var path = new Uri(uri).AbsolutePath.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        return path.Length >= 2 && path[0] == "t"
            ? (Uri.UnescapeDataString(path[1]), path.Length >= 3 ? path[2] : "groups")
            : (null, "groups");
    }

    public static string Url(string tenantName, string section) => $"/t/{Uri.EscapeDataString(tenantName)}/{section}";
}
