using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Keystone;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Hosting;

namespace SecGroupAdmin.Web.Keystone;

/// <summary>
/// The slice of Keystone v3 that OpenStack clients need to sign in with a <c>clouds.yaml</c>, under <c>/identity</c>:
/// version discovery, tokens (issue, validate, revoke), the catalog, and the look-ups of projects (the app's
/// tenants), users and the one domain. Errors are Keystone's JSON (<see cref="KeystoneException"/>); a bad or
/// expired token answers 401 with <c>WWW-Authenticate: Keystone uri=…</c>.
/// </summary>
public static class KeystoneEndpoints
{
    public const string Prefix = "/identity";
    public const string SubjectTokenHeader = "X-Subject-Token";
    private const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapKeystone(this IEndpointRouteBuilder app)
    {
        var identity = app.MapGroup(Prefix).ExcludeFromDescription();
        identity.MapGet("", Handle(VersionsAsync));
        identity.MapGet("/v3", Handle(VersionAsync));
        var v3 = identity.MapGroup("/v3");
        v3.MapPost("/auth/tokens", Handle(IssueAsync));
        v3.MapMethods("/auth/tokens", ["GET", "HEAD"], Handle(ValidateAsync));
        v3.MapDelete("/auth/tokens", Handle(RevokeAsync));
        v3.MapGet("/auth/catalog", Handle(CatalogAsync));
        v3.MapGet("/auth/projects", Handle(MyProjectsAsync));
        v3.MapGet("/projects", Handle(ProjectsAsync));
        v3.MapGet("/projects/{id}", Handle(ProjectAsync));
        v3.MapGet("/users/{id}", Handle(UserAsync));
        v3.MapGet("/users/{id}/projects", Handle(UserProjectsAsync));
        v3.MapGet("/domains", Handle(DomainsAsync));
        v3.MapGet("/domains/{id}", Handle(DomainAsync));
        v3.Map("/{**rest}", Handle(UnknownAsync));
        return app;
    }

    /// <summary>This server's public address without a trailing slash: <see cref="KeystoneOptions.PublicUrl"/>, else the request's.</summary>
    public static string Root(HttpContext context)
    {
        var configured = context.RequestServices.GetRequiredService<IOptionsMonitor<KeystoneOptions>>().CurrentValue.PublicUrl;
        var root = string.IsNullOrWhiteSpace(configured)
            ? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}"
            : configured.Trim();
        return root.TrimEnd('/');
    }

    private static Task<IResult> VersionsAsync(HttpContext context) => Task.FromResult(Json(
        new JsonObject { ["versions"] = new JsonObject { ["values"] = new JsonArray(KeystoneDocuments.Version(Root(context))) } },
        StatusCodes.Status300MultipleChoices));

    private static Task<IResult> VersionAsync(HttpContext context) =>
        Task.FromResult(Json(new JsonObject { ["version"] = KeystoneDocuments.Version(Root(context)) }));

    private static Task<IResult> UnknownAsync(HttpContext context) =>
        throw KeystoneException.NotFound("The resource could not be found.");

    private static Task<IResult> MyProjectsAsync(HttpContext context) => ListProjectsAsync(context, mine: true);

    private static Task<IResult> ProjectsAsync(HttpContext context) => ListProjectsAsync(context, mine: false);

    private static async Task<IResult> IssueAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        var failures = context.RequestServices.GetRequiredService<SignInFailureLimiter>();
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var account = KeystoneAuthenticator.AccountNamed(body);
        if (failures.Refuses(address, account))
        {
            var seconds = (int)Math.Ceiling(failures.Window.TotalSeconds);
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TooManyRequests(seconds);
        }
        KeystoneSignIn signIn;
        try
        {
            signIn = await context.RequestServices.GetRequiredService<KeystoneAuthenticator>().AuthenticateAsync(body, context.RequestAborted);
        }
        catch (KeystoneException e) when (e.Code == StatusCodes.Status401Unauthorized)
        {
            failures.CountFailure(address, account);
            throw;
        }
        context.Response.Headers[SubjectTokenHeader] = signIn.Secret;
        var root = Root(context);
        return Json(KeystoneDocuments.Token(root, Region(context), signIn.Token, signIn.UserName, signIn.Project, signIn.Roles,
            signIn.ApplicationCredential, withCatalog: !context.Request.Query.ContainsKey("nocatalog")), StatusCodes.Status201Created);
    }

    private static async Task<IResult> ValidateAsync(HttpContext context)
    {
        var (caller, _) = await AuthenticateAsync(context);
        var subject = await SubjectAsync(context, caller, revoking: false);
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return Results.StatusCode(StatusCodes.Status200OK);
        }
        context.Response.Headers[SubjectTokenHeader] = context.Request.Headers[SubjectTokenHeader].ToString();
        return Json(await DescribeAsync(context, subject, withCatalog: !context.Request.Query.ContainsKey("nocatalog")));
    }

    private static async Task<IResult> RevokeAsync(HttpContext context)
    {
        var (caller, _) = await AuthenticateAsync(context);
        var subject = await SubjectAsync(context, caller, revoking: true);
        await context.RequestServices.GetRequiredService<KeystoneTokenService>().RevokeAsync(subject, context.RequestAborted);
        return Results.StatusCode(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> CatalogAsync(HttpContext context)
    {
        var (_, token) = await AuthenticateAsync(context);
        if (token.TenantId is null)
        {
            throw KeystoneException.Forbidden("identity:get_auth_catalog (an unscoped token has no catalog)");
        }
        var root = Root(context);
        return Json(new JsonObject
        {
            ["catalog"] = KeystoneDocuments.Catalog(root, Region(context)),
            ["links"] = new JsonObject { ["self"] = KeystoneDocuments.V3Url(root) + "/auth/catalog", ["previous"] = null, ["next"] = null },
        });
    }

    /// <summary>
    /// <c>/auth/projects</c> (<paramref name="mine"/>): the projects the caller may scope to. <c>/projects</c>: the
    /// projects the caller may see, filtered by <c>name</c> and <c>domain_id</c>. Both are the user's memberships, or
    /// every project for a CloudAdmin or Auditor.
    /// </summary>
    private static async Task<IResult> ListProjectsAsync(HttpContext context, bool mine)
    {
        var (caller, _) = await AuthenticateAsync(context);
        var name = context.Request.Query["name"].ToString();
        var domain = context.Request.Query["domain_id"].ToString();
        var root = Root(context);
        var self = KeystoneDocuments.V3Url(root) + (mine ? "/auth/projects" : "/projects") + context.Request.QueryString;
        if (!mine && domain.Length > 0 && domain != KeystoneDocuments.DomainId)
        {
            return Json(KeystoneDocuments.List("projects", [], self));
        }
        await using var db = await Db(context);
        var tenants = VisibleTenants(db, caller);
        if (!mine && name.Length > 0)
        {
            tenants = tenants.Where(t => t.Name == name);
        }
        var rows = await tenants.OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(context.RequestAborted);
        if (!mine && (name.Length == 0 || rows.Count == 0) && !SeesEveryProject(caller))
        {
            // Keystone forbids listing projects to anyone but admins, and clients rely on it: on 403 openstack's
            // --target-project uses the name or id as given. Here a user may still find their own projects by name
            // (project show, quota show); the name of any other project, or of none, is forbidden alike, so that names
            // do not leak. Their own projects are listed at /auth/projects and /users/{id}/projects.
            throw KeystoneException.Forbidden("identity:list_projects");
        }
        return Json(KeystoneDocuments.List("projects", rows.Select(t => (JsonNode)KeystoneDocuments.Project(root, t.Id, t.Name)), self));
    }

    /// <summary>
    /// A project the caller may see. Any other id, unknown or not theirs, is forbidden alike (as Keystone answers
    /// users who are not admins), so ids do not leak; a CloudAdmin or Auditor gets 404 for an unknown one.
    /// </summary>
    private static async Task<IResult> ProjectAsync(HttpContext context)
    {
        var id = RouteId(context);
        var (caller, _) = await AuthenticateAsync(context);
        await using var db = await Db(context);
        var tenant = await VisibleTenants(db, caller).Where(t => t.Id == id).Select(t => new { t.Id, t.Name }).FirstOrDefaultAsync(context.RequestAborted)
            ?? throw (SeesEveryProject(caller)
                ? KeystoneException.NotFound($"Could not find project: {Shorten(id)}.")
                : KeystoneException.Forbidden("identity:get_project"));
        return Json(new JsonObject { ["project"] = KeystoneDocuments.Project(Root(context), tenant.Id, tenant.Name) });
    }

    /// <summary>The caller themself, or anyone for a CloudAdmin or Auditor.</summary>
    private static async Task<IResult> UserAsync(HttpContext context)
    {
        var id = RouteId(context);
        var (caller, _) = await AuthenticateAsync(context);
        if (id != caller.UserId && !caller.IsCloudAdmin && !caller.IsAuditor)
        {
            throw KeystoneException.Forbidden("identity:get_user");
        }
        await using var db = await Db(context);
        var user = await db.Users.Where(u => u.Id == id).Select(u => new { u.Id, u.UserName, u.AdminLockedAt }).FirstOrDefaultAsync(context.RequestAborted)
            ?? throw KeystoneException.NotFound($"Could not find user: {Shorten(id)}.");
        return Json(new JsonObject { ["user"] = KeystoneDocuments.User(Root(context), user.Id, user.UserName ?? user.Id, user.AdminLockedAt is null) });
    }

    /// <summary>The projects a user is a member of (<c>openstack project list --my-projects</c>): the user themself, or a CloudAdmin or Auditor.</summary>
    private static async Task<IResult> UserProjectsAsync(HttpContext context)
    {
        var id = RouteId(context);
        var (caller, _) = await AuthenticateAsync(context);
        if (id != caller.UserId && !SeesEveryProject(caller))
        {
            throw KeystoneException.Forbidden("identity:list_user_projects");
        }
        await using var db = await Db(context);
        var rows = await db.Tenants.AsNoTracking()
            .Where(t => db.Memberships.Any(m => m.UserId == id && m.TenantId == t.Id))
            .OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(context.RequestAborted);
        var root = Root(context);
        return Json(KeystoneDocuments.List("projects", rows.Select(t => (JsonNode)KeystoneDocuments.Project(root, t.Id, t.Name)),
            KeystoneDocuments.V3Url(root) + $"/users/{id}/projects"));
    }

    private static async Task<IResult> DomainsAsync(HttpContext context)
    {
        await AuthenticateAsync(context);
        var root = Root(context);
        var name = context.Request.Query["name"].ToString();
        var items = name.Length == 0 || name == KeystoneDocuments.DomainName ? new JsonNode[] { KeystoneDocuments.Domain(root) } : [];
        return Json(KeystoneDocuments.List("domains", items, KeystoneDocuments.V3Url(root) + "/domains" + context.Request.QueryString));
    }

    private static async Task<IResult> DomainAsync(HttpContext context)
    {
        var id = RouteId(context);
        await AuthenticateAsync(context);
        return id == KeystoneDocuments.DomainId
            ? Json(new JsonObject { ["domain"] = KeystoneDocuments.Domain(Root(context)) })
            : throw KeystoneException.NotFound($"Could not find domain: {Shorten(id)}.");
    }

    /// <summary>The caller of an authenticated request: its <c>X-Auth-Token</c> (a Keystone token, scoped or not, or an API token) and its user as of now.</summary>
    private static async Task<(Caller Caller, ValidatedToken Token)> AuthenticateAsync(HttpContext context)
    {
        var presented = context.Request.Headers["X-Auth-Token"].ToString();
        var token = await context.RequestServices.GetRequiredService<TokenValidator>().ValidateAsync(presented, context.RequestAborted)
            ?? throw KeystoneException.Unauthorized();
        var caller = await context.RequestServices.GetRequiredService<CallerFactory>()
            .CreateAsync(token.UserId, token.TenantId, ChangeSource.API, ct: context.RequestAborted)
            ?? throw KeystoneException.Unauthorized();
        return (caller, token);
    }

    /// <summary>
    /// The token in <c>X-Subject-Token</c> when it works now (else 404). Callers look at their own tokens; a CloudAdmin
    /// at anyone's, an Auditor may look but not revoke.
    /// </summary>
    private static async Task<KeystoneToken> SubjectAsync(HttpContext context, Caller caller, bool revoking)
    {
        var presented = context.Request.Headers[SubjectTokenHeader].ToString();
        if (presented.Length == 0)
        {
            throw KeystoneException.BadRequest($"The {SubjectTokenHeader} header names the token to look at.");
        }
        var subject = await context.RequestServices.GetRequiredService<KeystoneTokenService>().ValidateAsync(presented, context.RequestAborted)
            ?? throw KeystoneException.NotFound("Could not find token: it is unknown, expired or revoked.");
        if (subject.UserId != caller.UserId && !caller.IsCloudAdmin && (revoking || !caller.IsAuditor))
        {
            throw KeystoneException.Forbidden(revoking ? "identity:revoke_token" : "identity:validate_token");
        }
        return subject;
    }

    /// <summary>A token's body as issued, from current data (its user's name, its project, the roles there now).</summary>
    private static async Task<JsonObject> DescribeAsync(HttpContext context, KeystoneToken token, bool withCatalog)
    {
        var owner = await context.RequestServices.GetRequiredService<CallerFactory>()
            .CreateAsync(token.UserId, token.TenantId, ChangeSource.API, ct: context.RequestAborted)
            ?? throw KeystoneException.NotFound("Could not find token: it is unknown, expired or revoked.");
        await using var db = await Db(context);
        (string, string)? project = null;
        if (token.TenantId is not null)
        {
            project = (token.TenantId, await db.Tenants.Where(t => t.Id == token.TenantId).Select(t => t.Name).FirstOrDefaultAsync(context.RequestAborted) ?? "");
        }
        (string, string)? credential = null;
        if (token.ApplicationCredentialId is not null)
        {
            credential = (token.ApplicationCredentialId,
                await db.ApiTokens.Where(t => t.Id == token.ApplicationCredentialId).Select(t => t.Name).FirstOrDefaultAsync(context.RequestAborted) ?? "");
        }
        var roles = project is null ? [] : KeystoneRoles.For(owner.TenantRole, owner.IsCloudAdmin, owner.IsAuditor);
        return KeystoneDocuments.Token(Root(context), Region(context), token, owner.UserName, project, roles, credential, withCatalog);
    }

    private static bool SeesEveryProject(Caller caller) => caller.IsCloudAdmin || caller.IsAuditor;

    private static IQueryable<Data.Tenants.Tenant> VisibleTenants(AppDbContext db, Caller caller) =>
        SeesEveryProject(caller)
            ? db.Tenants.AsNoTracking()
            : db.Tenants.AsNoTracking().Where(t => db.Memberships.Any(m => m.UserId == caller.UserId && m.TenantId == t.Id));

    private static async Task<JsonElement> ReadBodyAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            throw new KeystoneException(413, "Request Entity Too Large", "The request is larger than the server will accept.");
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                throw new KeystoneException(413, "Request Entity Too Large", "The request is larger than the server will accept.");
            }
        }
        try
        {
            using var doc = JsonDocument.Parse(buffer.ToArray());
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? doc.RootElement.Clone()
                : throw KeystoneException.BadRequest("The request body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw KeystoneException.BadRequest("Malformed request body: it is not JSON.");
        }
    }

    /// <summary>Runs a handler and writes its answer, or its refusal as Keystone's error JSON; nothing escapes as a 500 page.</summary>
    private static RequestDelegate Handle(Func<HttpContext, Task<IResult>> handler) => async context =>
        await (await AnswerAsync(context, handler)).ExecuteAsync(context);

    private static async Task<IResult> AnswerAsync(HttpContext context, Func<HttpContext, Task<IResult>> handler)
    {
        context.Response.Headers["X-Openstack-Request-Id"] = "req-" + Guid.NewGuid();
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            // A HEAD's 404 has no body: it must stay Keystone's answer, not become the app's not-found page.
            statusCodePages.Enabled = false;
        }
        try
        {
            return await handler(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty;
        }
        catch (Exception ex) when (Operations.DatabaseOutage.IsOutage(ex))
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KeystoneEndpoints))
                .LogWarning("Database unavailable for {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, ex.Message);
            return Error(503, "Service Unavailable", "The identity service is unavailable for a moment: try again.");
        }
        catch (KeystoneException e)
        {
            if (e.Code == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = $"Keystone uri=\"{KeystoneDocuments.IdentityUrl(Root(context))}\"";
            }
            return Error(e.Code, e.Title, e.Message);
        }
    }

    /// <summary>429 in Keystone's error shape (the caller sets <c>Retry-After</c>).</summary>
    public static IResult TooManyRequests(int seconds) =>
        Error(StatusCodes.Status429TooManyRequests, "Too Many Requests", $"Too many requests: try again in {seconds} seconds.");

    private static IResult Error(int code, string title, string message) => Json(new JsonObject
    {
        ["error"] = new JsonObject { ["code"] = code, ["title"] = title, ["message"] = message },
    }, code);

    private static string RouteId(HttpContext context) => context.GetRouteValue("id") as string ?? "";

    private static IResult Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(), "application/json", System.Text.Encoding.UTF8, status);

    private static string Region(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptionsMonitor<KeystoneOptions>>().CurrentValue.Region;

    private static Task<AppDbContext> Db(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(context.RequestAborted);

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
