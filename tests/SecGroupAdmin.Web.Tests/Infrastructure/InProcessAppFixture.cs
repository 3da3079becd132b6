using Microsoft.AspNetCore.Mvc.Testing;
using SecGroupAdmin.Web.Components;

namespace SecGroupAdmin.Web.Tests.Infrastructure;

/// <summary>
/// An xUnit class fixture over <see cref="TestAppHost"/> on the in-memory test server (temp SQLite file), seeded once
/// through <see cref="SeedAsync"/>; the app is stopped and its file deleted on dispose.
/// </summary>
public abstract class InProcessAppFixture(string adminEmail) : IAsyncLifetime
{
    protected TestAppHost Host { get; private set; } = null!;

    public WebApplicationFactory<App> Factory => Host.Factory;

    public async Task InitializeAsync()
    {
        Host = TestAppHost.Start(new TestAppOptions { AdminEmail = adminEmail, OverKestrel = false });
        await SeedAsync(Host.People);
    }

    protected abstract Task SeedAsync(PeopleSeeder people);

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
