using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using SecGroupAdmin.Web.Components;
using SecGroupAdmin.Web.Components.Pages.Groups;

namespace SecGroupAdmin.Web.Tests.Pages;

/// <summary>The browser's address for "My IP": read from the page's request in App.razor, never from IHttpContextAccessor in a circuit.</summary>
public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("::ffff:192.0.2.10", "192.0.2.10")]
    [InlineData("192.0.2.10", "192.0.2.10")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    public void The_address_is_read_from_the_request_with_IPv4_unmapped(string remote, string expected)
    {
        var request = new DefaultHttpContext();
        request.Connection.RemoteIpAddress = IPAddress.Parse(remote);

        Assert.Equal(expected, ClientAddress.Of(request));
    }

    [Fact]
    public void No_request_or_no_address_is_unknown()
    {
        Assert.Null(ClientAddress.Of(null));
        Assert.Null(ClientAddress.Of(new DefaultHttpContext()));
    }

    [Fact]
    public void No_page_component_injects_IHttpContextAccessor()
    {
        var pages = typeof(GroupDetailPage).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.Namespace?.StartsWith("SecGroupAdmin.Web.Components.Pages", StringComparison.Ordinal) == true)
            .ToList();
        Assert.Contains(typeof(GroupDetailPage), pages);
        Assert.Contains(typeof(RulesGrid), pages);

        var injecting = pages
            .Where(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Any(p => p.GetCustomAttribute<InjectAttribute>() is not null && p.PropertyType == typeof(IHttpContextAccessor)))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(injecting);
    }
}
