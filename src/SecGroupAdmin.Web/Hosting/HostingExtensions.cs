using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;
using Scalar.AspNetCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Web.Api;
using SecGroupAdmin.Web.ApiTokens;
using SecGroupAdmin.Web.Audit;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Components;
using SecGroupAdmin.Web.Components.Account;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.Invites;
using SecGroupAdmin.Web.Keystone;
using SecGroupAdmin.Web.Live;
using SecGroupAdmin.Web.Operations;
using SecGroupAdmin.Web.Operator;
using SecGroupAdmin.Web.Ports;
using SecGroupAdmin.Web.Quotas;
using SecGroupAdmin.Web.RuleFiles;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Tenancy;
using SecGroupAdmin.Web.Writes;

namespace SecGroupAdmin.Web.Hosting;

/// <summary>Service registration and the request pipeline, kept out of Program.cs.</summary>
public static class HostingExtensions
{
    /// <summary>The whole app: the core (<see cref="AddSecGroupAdminCore"/>) and the web front on top of it.</summary>
    public static WebApplicationBuilder AddSecGroupAdmin(this WebApplicationBuilder builder)
    {
        var database = DatabaseLocation.Resolve(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSecGroupAdminCore(database, builder.Configuration);
        builder.Services.AddSecGroupAdminWeb(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Everything that is not the web front: time, the database, Identity's user and role stores, the services
    /// (the one write path per resource), the event bus, the change feed and the read-side queries. The web server,
    /// the <c>admin</c> verbs and the tests all register exactly this.
    /// </summary>
    public static IServiceCollection AddSecGroupAdminCore(this IServiceCollection services, DatabaseSettings database, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSingleton(database);
        services.AddAppDatabase(database);
        var dataProtection = services.AddDataProtection();
        if (configuration["DataProtection:KeysPath"] is { Length: > 0 } keysPath)
        {
            // Several instances: one key ring (a shared folder) and one application name, so that a sign-in cookie or
            // antiforgery token made by one instance is valid on all of them.
            dataProtection
                .PersistKeysToFileSystem(new DirectoryInfo(keysPath))
                .SetApplicationName("SecGroupAdmin");
        }

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders();
        services.AddSingleton<IEmailSender<ApplicationUser>, IdentityNoOpEmailSender>();

        services.AddSingleton<ResourceEventBus>();
        services.AddSingleton<WritePipeline>();
        services.AddSingleton<DefaultGroupCreator>();
        services.AddSingleton<SecurityGroupService>();
        services.AddSingleton<AddressGroups.AddressGroupService>();
        services.AddSingleton<Rbac.RbacPolicyService>();
        services.AddSingleton<Rbac.ShareQuery>();
        services.AddSingleton<AddressGroups.AddressGroupQuery>();
        services.AddSingleton<Tags.TagService>();
        services.AddSingleton<DefaultRules.DefaultRuleService>();
        services.AddSingleton<DefaultRules.DefaultRuleDriftQuery>();
        services.AddSingleton<PortService>();
        services.AddScoped<Analysis.AnalysisService>();
        services.AddScoped<Analysis.ExposurePreviewService>();
        services.AddSingleton<QuotaService>();
        services.AddSingleton<GroupSummaryQuery>();
        services.AddSingleton<GroupDeleteImpactQuery>();
        services.AddSingleton<GroupWhereUsedQuery>();
        services.AddSingleton<Components.Pages.Groups.GroupFirstScreenQuery>();
        services.AddSingleton<Ports.PortPageQuery>();
        services.AddSingleton<CallerFactory>();
        services.AddSingleton<AccessChanges>();
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<SharedGroupFeed>();
        services.AddSingleton<SharedAddressGroupFeed>();
        services.AddSingleton<ApiTokenService>();
        services.AddSingleton<KeystoneTokenService>();
        services.AddSingleton<TokenValidator>();
        services.Configure<KeystoneOptions>(configuration.GetSection(KeystoneOptions.Section));
        services.AddSingleton<TenantAdministrationService>();
        services.AddSingleton<AuditQuery>();
        services.AddSingleton<OperatorOverviewQuery>();
        return services;
    }

    /// <summary>
    /// The web front over the core: Razor components and MudBlazor, cookie sign-in, the circuit's caller, SignalR
    /// (with Redis when configured) and the OpenAPI document.
    /// </summary>
    public static IServiceCollection AddSecGroupAdminWeb(this IServiceCollection services, IConfiguration configuration)
    {
        // The browser sends the prerendered pages' first screens (persisted component state) back when the circuit starts,
        // in one message: a page of 25 ports with their groups, or of 25 groups with long names and descriptions, can pass
        // SignalR's default 32 KB, and the circuit would never start.
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = 128 * 1024);
        // Messages at the bottom left, over the navigation's empty end: at the top right they covered a page's own actions
        // (Edit group, Add rule) while fading out.
        services.AddMudServices(mud => mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft);

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddSessionRevalidation(configuration);
        services.AddAuthentication().AddApiTokens();
        new IdentityBuilder(typeof(ApplicationUser), typeof(IdentityRole), services).AddSignInManager();
        services.AddDatabaseDeveloperPageExceptionFilter();

        services.AddRegistration(configuration);
        services.AddScoped<UiCallerProvider>();
        services.AddScoped<KeystoneAuthenticator>();
        services.AddSingleton<SignInFailureLimiter>();
        services.AddHostedService<KeystoneTokenPurge>();
        services.AddHttpContextAccessor();
        services.AddScoped<CircuitReconnects>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitReconnects>());
        services.AddSignalR();
        services.AddHubCallLogging();
        services.AddHostedService<HubRelay>();
        services.AddLiveHubAccess(configuration);
        if (RedisSettings.From(configuration) is { } redis)
        {
            // Several instances: changes go through RedisChangeRelay to every instance's pages and hub clients (HubRelay).
            services.AddSingleton(redis);
            services.AddSingleton<RedisChangeRelay>();
            services.AddHostedService(sp => sp.GetRequiredService<RedisChangeRelay>());
        }
        services.AddOpenApi(options => options.AddDocumentTransformer<NeutronOpenApi>());
        services.AddProxyAndHttps(configuration);
        services.AddRateLimits(configuration);
        services.AddStaticAssetCompression();
        services.Configure<ApiOptions>(configuration.GetSection(ApiOptions.Section));
        services.AddHealthEndpoints(configuration);
        services.AddTelemetry(configuration);
        return services;
    }

    public static WebApplication UseSecGroupAdmin(this WebApplication app)
    {
        app.UseProxyAndHttps();
        app.UseSecurityHeaders();
        app.UseRateLimits();
        if (app.Environment.IsDevelopment())
        {
            app.UseMigrationsEndPoint();
        }
        else
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseDatabaseOutageResponses();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseNeutronVersionDocument();
        app.UseClosedRegistration();
        app.UseAntiforgery();

        app.UseStaticAssetCompression();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot-assets")),
            RequestPath = "/assets",
        });
        app.MapStaticAssets();
        app.Services.GetRequiredService<ChangeFeed>();
        app.MapHealthEndpoints();
        app.MapTelemetry();
        app.MapHub<ChangesHub>(ChangesHub.Path, o => o.CloseOnAuthenticationExpiration = true)
            .RequireAuthorization(HubAuthorization.PolicyName);
        app.MapNeutronApi();
        app.MapAnalysisApi();
        app.MapKeystone();
        app.MapComputeQuotas();
        app.MapAuditExport();
        app.MapRuleFileExport();
        app.MapOpenApi();
        app.MapScalarApiReference("/api/docs", options => options
            .WithTitle("SecGroupAdmin API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        return app;
    }
}
