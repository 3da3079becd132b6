using Microsoft.AspNetCore.Mvc.Testing;

namespace SecGroupAdmin.E2E;

/// <summary>A running app instance whose services the tests may use (see <see cref="People"/>).</summary>
public interface IAppHost
{
    WebApplicationFactory<Program> Factory { get; }
}
