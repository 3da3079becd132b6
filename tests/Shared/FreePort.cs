using System.Net;
using System.Net.Sockets;

namespace SecGroupAdmin.Testing;

/// <summary>A TCP port on 127.0.0.1 that nothing listens on right now (the OS picks it).</summary>
public static class FreePort
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
