using System.Security.Claims;
using Bunit;
using Bunit.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Tests.Infrastructure;

namespace SecGroupAdmin.Web.Tests.Pages;

/// <summary>
/// Page tests over the app's real services and a migrated in-memory SQLite database, with one tenant "acme" and a
/// user for every role: tenant admin, member, reader, Auditor, CloudAdmin and an outsider.
/// </summary>
public abstract class PageTestContext : BunitTestContext
{
    protected PageTestContext()
    {
        Services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        Db.AddAppCoreTo(Services);
        // Registered before anything is resolved, so tests may seed through the services before signing in.
        auth = AddAuthorization();

        var people = Db.People;
        (Acme, Other, Admin, Member, Reader, Auditor, CloudAdmin, Outsider) = Task.Run(async () => (
            await people.TenantAsync("acme"),
            await people.TenantAsync("other"),
            await people.PersonAsync("admin@acme.test", Role.TenantAdmin, "acme"),
            await people.PersonAsync("member@acme.test", Role.Member, "acme"),
            await people.PersonAsync("reader@acme.test", Role.Reader, "acme"),
            await people.PersonAsync("auditor@ops.test", Role.Auditor),
            await people.PersonAsync("cloud@ops.test", Role.CloudAdmin),
            await people.PersonAsync("outsider@other.test", Role.TenantAdmin, "other"))).GetAwaiter().GetResult();
    }

    protected SqliteTestDatabase Db { get; } = new();
    protected Tenant Acme { get; }
    protected Tenant Other { get; }
    protected ApplicationUser Admin { get; }
    protected ApplicationUser Member { get; }
    protected ApplicationUser Reader { get; }
    protected ApplicationUser Auditor { get; }
    protected ApplicationUser CloudAdmin { get; }
    protected ApplicationUser Outsider { get; }

    /// <summary>The user of each role, for theories (the outsider is an admin of "other").</summary>
    protected ApplicationUser As(Role who) => who switch
    {
        Role.TenantAdmin => Admin,
        Role.Member => Member,
        Role.Reader => Reader,
        Role.Auditor => Auditor,
        Role.CloudAdmin => CloudAdmin,
        Role.Outsider => Outsider,
        _ => throw new ArgumentOutOfRangeException(nameof(who)),
    };

    private readonly Bunit.TestDoubles.BunitAuthorizationContext auth;

    /// <summary>The authorization state, registered once in the constructor (anonymous until set).</summary>
    protected Bunit.TestDoubles.BunitAuthorizationContext Auth => auth;

    protected void SignIn(ApplicationUser user)
    {
        auth.SetAuthorized(user.Email!);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.Email!));
    }

    protected async Task<Caller> CallerAsync(ApplicationUser user, string? tenantId = null) =>
        (await Services.GetRequiredService<CallerFactory>().CreateAsync(user.Id, tenantId, ChangeSource.UI))!;

    /// <summary>Renders the page with MudBlazor's popover and dialog providers, as the layout does.</summary>
    protected IRenderedComponent<ContainerFragment> RenderPage<TPage>(params (string Name, object? Value)[] parameters)
        where TPage : IComponent =>
        Render(b =>
        {
            b.OpenComponent<MudPopoverProvider>(0);
            b.CloseComponent();
            b.OpenComponent<MudDialogProvider>(1);
            b.CloseComponent();
            b.OpenComponent<TPage>(2);
            foreach (var (name, value) in parameters)
            {
                b.AddAttribute(3, name, value);
            }
            b.CloseComponent();
        });

    protected AppDbContext OpenDb() => Db.CreateDbContext();

    /// <summary>Waits for the page's first load to finish (its services are async).</summary>
    protected static void WaitForText(IRenderedComponent<ContainerFragment> cut, string text) =>
        cut.WaitForAssertion(() => Assert.Contains(text, cut.Markup), TimeSpan.FromSeconds(5));
}
