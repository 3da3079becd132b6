using System.Net;

namespace SecGroupAdmin.Web.Components;

/// <summary>
/// The browser's IP address as the server saw it on the page's first request (the prerender), kept for the circuit.
/// App.razor reads it from that request and passes it to Routes as a root component parameter, the way ASP.NET Core
/// documents to hand request state to interactive components; Routes cascades it. Interactive components must not
/// read IHttpContextAccessor: in a circuit there is no request of the page, or another one.
/// </summary>
/// <param name="Value">The address in its usual text form (IPv4 when it came as IPv4 mapped to IPv6); null when unknown.</param>
public sealed record ClientAddress(string? Value)
{
    public static string? Of(HttpContext? request) => Format(request?.Connection.RemoteIpAddress);

    public static string? Format(IPAddress? address) =>
        address is null ? null : address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();
}
