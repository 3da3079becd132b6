using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Web.ApiTokens;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Keystone;

/// <summary>
/// <c>POST /identity/v3/auth/tokens</c>: reads Keystone's auth request, authenticates the user and issues a token.
/// <list type="bullet">
/// <item><c>password</c>: the user by name (the email; domain <c>Default</c> by name or id, or none) or by id. The
/// password is checked by Identity with lockout on failure, so failed attempts count toward the lockout as on the
/// sign-in page; an unknown user, a wrong password, a locked-out or admin-locked user answer the same 401 (an unknown
/// user still costs a password hash). A user with two-factor sign-in uses an application credential instead.</item>
/// <item><c>application_credential</c>: an API token's id and secret, or its name, its user and the secret. The token
/// carries its own project and ends with the API token.</item>
/// <item><c>token</c>: a valid Keystone token of the user, rescoped (the new token ends when the old one would).</item>
/// </list>
/// Scope: a project by id, or by name (domain <c>Default</c>); none gives an unscoped token. The user must be a member
/// of the project, or a CloudAdmin or Auditor.
/// </summary>
public sealed class KeystoneAuthenticator(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    IDbContextFactory<AppDbContext> dbFactory,
    ApiTokenService apiTokens,
    KeystoneTokenService keystoneTokens,
    CallerFactory callers,
    ILogger<KeystoneAuthenticator> logger)
{
    public const string PasswordMethod = "password";
    public const string ApplicationCredentialMethod = "application_credential";
    public const string TokenMethod = "token";

    /// <summary>A hash no password matches, so that an unknown user costs what a known one does.</summary>
    private static readonly string UnknownUserHash = new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Guid.NewGuid().ToString());

    public async Task<KeystoneSignIn> AuthenticateAsync(JsonElement body, CancellationToken ct)
    {
        var auth = Member(body, "auth", "the request");
        var identity = Member(auth, "identity", "auth");
        if (!identity.TryGetProperty("methods", out var methodsElement) || methodsElement.ValueKind != JsonValueKind.Array)
        {
            throw KeystoneException.BadRequest("Invalid input for field 'identity': 'methods' is a required property.");
        }
        var methods = methodsElement.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString()! : "").ToList();
        if (methods.Count != 1)
        {
            throw KeystoneException.Unauthorized("Give exactly one authentication method: password, application_credential or token.");
        }
        var method = methods[0];

        string userId;
        string? tenantId;
        DateTime? notAfter = null;
        string? credentialId = null;
        (string Id, string Name)? credential = null;
        switch (method)
        {
            case PasswordMethod:
                userId = await PasswordAsync(Member(identity, PasswordMethod, "identity"), ct);
                tenantId = await ScopeAsync(auth, ct);
                break;
            case ApplicationCredentialMethod:
                var token = await ApplicationCredentialAsync(Member(identity, ApplicationCredentialMethod, "identity"), ct);
                if (auth.TryGetProperty("scope", out var scope) && scope.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
                {
                    throw KeystoneException.Unauthorized("An application credential carries its own project: leave the scope out.");
                }
                (userId, tenantId, notAfter, credentialId) = (token.UserId, token.TenantId, token.ExpiresAt, token.Id);
                credential = (token.Id, token.Name);
                break;
            case TokenMethod:
                var presented = Text(Member(identity, TokenMethod, "identity"), "id");
                var existing = await keystoneTokens.ValidateAsync(presented, ct);
                if (existing is null || existing.ApplicationCredentialId is not null)
                {
                    throw KeystoneException.Unauthorized();
                }
                (userId, notAfter) = (existing.UserId, existing.ExpiresAt);
                tenantId = await ScopeAsync(auth, ct);
                break;
            default:
                throw KeystoneException.Unauthorized($"Unsupported authentication method: {Shorten(method)}. Use password, application_credential or token.");
        }

        var caller = await callers.CreateAsync(userId, tenantId, ChangeSource.API, ct: ct) ?? throw KeystoneException.Unauthorized();
        if (tenantId is not null && caller.TenantRole is null && !caller.IsCloudAdmin && !caller.IsAuditor)
        {
            throw KeystoneException.Unauthorized("The user has no access to the project asked for.");
        }
        (string Id, string Name)? project = null;
        if (tenantId is not null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var name = await db.Tenants.Where(t => t.Id == tenantId).Select(t => t.Name).FirstOrDefaultAsync(ct)
                ?? throw KeystoneException.Unauthorized("The user has no access to the project asked for.");
            project = (tenantId, name);
        }
        var (issued, secret) = await keystoneTokens.IssueAsync(userId, tenantId, method, credentialId, notAfter, ct);
        return new KeystoneSignIn(issued, secret, caller.UserName, project,
            project is null ? [] : KeystoneRoles.For(caller.TenantRole, caller.IsCloudAdmin, caller.IsAuditor), credential);
    }

    /// <summary>
    /// Who a token request names, for the per-account sign-in rate limit: the password user's name or id, or the
    /// application credential's id or name; null when it names no one (a token rescoping, or not Keystone's shape).
    /// </summary>
    public static string? AccountNamed(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("auth", out var auth) || auth.ValueKind != JsonValueKind.Object
            || !auth.TryGetProperty("identity", out var identity) || identity.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (identity.TryGetProperty(PasswordMethod, out var password) && password.ValueKind == JsonValueKind.Object
            && password.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object)
        {
            return OptionalText(user, "name") ?? OptionalText(user, "id");
        }
        if (identity.TryGetProperty(ApplicationCredentialMethod, out var credential) && credential.ValueKind == JsonValueKind.Object)
        {
            return OptionalText(credential, "id") ?? OptionalText(credential, "name");
        }
        return null;
    }

    private async Task<string> PasswordAsync(JsonElement password, CancellationToken ct)
    {
        var userElement = Member(password, "user", PasswordMethod);
        var secret = Text(userElement, "password");
        var user = await FindUserAsync(userElement, ct);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new ApplicationUser(), UnknownUserHash, secret);
            logger.LogInformation("Keystone password authentication refused: unknown user");
            throw KeystoneException.Unauthorized();
        }
        var result = await signIn.CheckPasswordSignInAsync(user, secret, lockoutOnFailure: true);
        if (!result.Succeeded || user.AdminLockedAt is not null)
        {
            logger.LogInformation("Keystone password authentication refused for user {UserId} (locked out: {LockedOut})", user.Id, result.IsLockedOut);
            throw KeystoneException.Unauthorized();
        }
        if (user.TwoFactorEnabled)
        {
            logger.LogInformation("Keystone password authentication refused for user {UserId}: two-factor sign-in", user.Id);
            throw KeystoneException.Unauthorized("This account signs in with a second factor: use an application credential (an API token) instead.");
        }
        return user.Id;
    }

    private async Task<Data.ApiTokens.ApiToken> ApplicationCredentialAsync(JsonElement credential, CancellationToken ct)
    {
        var secret = Text(credential, "secret");
        var validation = await apiTokens.ValidateAsync(secret, ct);
        var token = validation.Token;
        var id = OptionalText(credential, "id");
        if (token is not null && id is null)
        {
            var name = Text(credential, "name");
            var user = credential.TryGetProperty("user", out var userElement) && userElement.ValueKind == JsonValueKind.Object
                ? await FindUserAsync(userElement, ct)
                : throw KeystoneException.BadRequest("An application credential given by name needs its user: 'user' with 'id', or 'name' and 'domain'.");
            if (token.Name != name || token.UserId != user?.Id)
            {
                token = null;
            }
        }
        else if (token is not null && token.Id != id)
        {
            token = null;
        }
        if (token is null)
        {
            logger.LogInformation("Keystone application credential authentication refused");
            throw KeystoneException.Unauthorized();
        }
        return token;
    }

    /// <summary>The user named by <c>id</c>, or by <c>name</c> in the Default domain; null when there is none.</summary>
    private async Task<ApplicationUser?> FindUserAsync(JsonElement user, CancellationToken ct)
    {
        if (OptionalText(user, "id") is { } id)
        {
            return await users.FindByIdAsync(id);
        }
        var name = OptionalText(user, "name")
            ?? throw KeystoneException.BadRequest("Invalid input for field 'user': give 'id', or 'name' and 'domain'.");
        if (user.TryGetProperty("domain", out var domain) && domain.ValueKind == JsonValueKind.Object && !IsDefaultDomain(domain))
        {
            return null;
        }
        ct.ThrowIfCancellationRequested();
        return await users.FindByNameAsync(name);
    }

    /// <summary>The tenant the request scopes to; null for no scope.</summary>
    private async Task<string?> ScopeAsync(JsonElement auth, CancellationToken ct)
    {
        if (!auth.TryGetProperty("scope", out var scope) || scope.ValueKind is JsonValueKind.Null
            || (scope.ValueKind == JsonValueKind.String && scope.GetString() == "unscoped"))
        {
            return null;
        }
        if (scope.ValueKind != JsonValueKind.Object)
        {
            throw KeystoneException.BadRequest("Invalid input for field 'scope': expected an object.");
        }
        if (!scope.TryGetProperty("project", out var project) || project.ValueKind != JsonValueKind.Object)
        {
            throw KeystoneException.Unauthorized("Only project scope is offered here: scope to a project (by id, or by name in domain Default).");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        string? tenantId;
        if (OptionalText(project, "id") is { } id)
        {
            tenantId = await db.Tenants.Where(t => t.Id == id).Select(t => t.Id).FirstOrDefaultAsync(ct);
        }
        else
        {
            var name = OptionalText(project, "name")
                ?? throw KeystoneException.BadRequest("Invalid input for field 'project': give 'id', or 'name' and 'domain'.");
            var inDefault = !project.TryGetProperty("domain", out var domain) || domain.ValueKind != JsonValueKind.Object || IsDefaultDomain(domain);
            tenantId = inDefault ? await db.Tenants.Where(t => t.Name == name).Select(t => t.Id).FirstOrDefaultAsync(ct) : null;
        }
        return tenantId ?? throw KeystoneException.Unauthorized("The user has no access to the project asked for.");
    }

    private static bool IsDefaultDomain(JsonElement domain) =>
        OptionalText(domain, "id") is { } id ? id == KeystoneDocuments.DomainId
        : OptionalText(domain, "name") is not { } name || name == KeystoneDocuments.DomainName;

    private static JsonElement Member(JsonElement parent, string name, string where) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw KeystoneException.BadRequest($"Invalid input for field '{where}': '{name}' is a required object.");

    private static string Text(JsonElement parent, string name) =>
        OptionalText(parent, name) ?? throw KeystoneException.BadRequest($"Invalid input: '{name}' is a required string.");

    private static string? OptionalText(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
