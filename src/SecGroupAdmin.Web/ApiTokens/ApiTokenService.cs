using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.ApiTokens;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Web.Audit;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Events;

namespace SecGroupAdmin.Web.ApiTokens;

/// <summary>
/// Issues, validates, revokes and lists API tokens. A token's secret is <c>sga_</c> + 32 random bytes in
/// base64url; only its SHA-256 (hex) and its first <see cref="PrefixLength"/> characters are stored.
/// Neither the secret nor the hash is ever logged.
/// </summary>
public sealed class ApiTokenService(
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider time,
    AccessChanges accessChanges,
    ILogger<ApiTokenService> logger)
{
    public const string SecretPrefix = "sga_";
    public const int PrefixLength = 8;
    public const int MaxNameLength = 255;

    /// <summary>LastUsedAt is written at most this often per token, so busy tokens do not write on every request.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Issues a token for <paramref name="userId"/> in <paramref name="tenantId"/>. The user must be a member of
    /// the tenant or hold the global CloudAdmin or Auditor role. The returned secret is not stored anywhere.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty or too long, or the expiry is not in the future.</exception>
    /// <exception cref="InvalidOperationException">Unknown user or tenant, or the user may not act in the tenant.</exception>
    public Task<IssuedApiToken> IssueAsync(string userId, string tenantId, string name, DateTime? expiresAt, CancellationToken ct = default) =>
        IssueCoreAsync(userId, tenantId, name, expiresAt, null, ct);

    /// <summary>
    /// Issues a token for the signed-in <paramref name="caller"/> (UI), with an <c>api_token</c> audit entry
    /// written in the same SaveChanges as the token. Same rules and exceptions as the other overload.
    /// </summary>
    public Task<IssuedApiToken> IssueAsync(Caller caller, string tenantId, string name, DateTime? expiresAt, CancellationToken ct = default) =>
        IssueCoreAsync(caller.UserId, tenantId, name, expiresAt, caller, ct);

    /// <summary>
    /// Issues a token for <paramref name="userId"/> on behalf of <paramref name="caller"/> (the <c>admin issue-token</c>
    /// verb), with the audit entry in the same SaveChanges as the token. Only a CloudAdmin (from current data, or the
    /// in-process <see cref="Caller.SystemOperator"/>) may issue for someone else. Same rules and exceptions otherwise.
    /// </summary>
    public Task<IssuedApiToken> IssueForUserAsync(Caller caller, string userId, string tenantId, string name, DateTime? expiresAt, CancellationToken ct = default) =>
        IssueCoreAsync(userId, tenantId, name, expiresAt, caller, ct);

    private async Task<IssuedApiToken> IssueCoreAsync(string userId, string tenantId, string name, DateTime? expiresAt, Caller? auditAs, CancellationToken ct)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0)
        {
            throw new ArgumentException("A token needs a name.", nameof(name));
        }
        if (name.Length > MaxNameLength)
        {
            throw new ArgumentException($"A token name has at most {MaxNameLength} characters.", nameof(name));
        }

        var now = time.GetUtcNow().UtcDateTime;
        DateTime? expiry = expiresAt is { } e ? (e.Kind == DateTimeKind.Local ? e.ToUniversalTime() : DateTime.SpecifyKind(e, DateTimeKind.Utc)) : null;
        if (expiry <= now)
        {
            throw new ArgumentException("A token's expiry must be in the future.", nameof(expiresAt));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (auditAs is not null && auditAs.UserId != userId && !auditAs.IsSystemOperator
            && !(auditAs.IsCloudAdmin && await HasGlobalRoleAsync(db, auditAs.UserId, [TenantRoles.CloudAdmin], ct)))
        {
            throw new InvalidOperationException("Only a CloudAdmin may issue an API token for another user.");
        }
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
        {
            throw new InvalidOperationException($"Cannot issue a token: there is no user with id '{userId}'.");
        }
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, ct))
        {
            throw new InvalidOperationException($"Cannot issue a token: there is no tenant with id '{tenantId}'.");
        }
        var isMember = await db.Memberships.AnyAsync(m => m.UserId == userId && m.TenantId == tenantId, ct);
        if (!isMember && !await HasGlobalRoleAsync(db, userId, [TenantRoles.CloudAdmin, TenantRoles.Auditor], ct))
        {
            throw new InvalidOperationException(
                $"Cannot issue a token: the user is not a member of tenant '{tenantId}' and holds neither the CloudAdmin nor the Auditor role.");
        }

        var secret = SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            UserId = userId,
            TenantId = tenantId,
            Name = name,
            TokenHash = Convert.ToHexStringLower(Hash(secret)),
            Prefix = secret[..PrefixLength],
            CreatedAt = now,
            ExpiresAt = expiry,
        };
        db.ApiTokens.Add(token);
        if (auditAs is not null)
        {
            AuditLog.Record(db, auditAs, now, tenantId, ResourceActions.Create, ResourceTypes.ApiToken, token.Id, null, AuditJson(token));
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Issued API token {TokenId} for user {UserId} in tenant {TenantId}", token.Id, userId, tenantId);
        return new IssuedApiToken(token, secret);
    }

    /// <summary>
    /// Checks a presented secret. Accepted: the token row (who and which tenant), with LastUsedAt brought up to
    /// date at most once per <see cref="LastUsedResolution"/>. Refused: missing, unknown, revoked or expired, or the
    /// user is admin-locked or gone (checked on every call, so a lock stops the token at once). Identity's lockout
    /// after failed sign-ins does not refuse tokens: anyone could knock a CI token out by guessing passwords.
    /// Authentication only: the caller still checks what the user may do in the tenant now.
    /// </summary>
    public async Task<ApiTokenValidation> ValidateAsync(string? presented, CancellationToken ct = default)
    {
        presented = presented?.Trim();
        if (string.IsNullOrEmpty(presented))
        {
            return ApiTokenValidation.Refused(ApiTokenRefusal.Missing);
        }

        var hash = Hash(presented);
        var hashHex = Convert.ToHexStringLower(hash);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hashHex, ct);
        if (token is null || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(token.TokenHash), hash))
        {
            logger.LogInformation("Refused an unknown API token");
            return ApiTokenValidation.Refused(ApiTokenRefusal.Unknown);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (token.RevokedAt is not null)
        {
            logger.LogInformation("Refused revoked API token {TokenId}", token.Id);
            return ApiTokenValidation.Refused(ApiTokenRefusal.Revoked);
        }
        if (token.ExpiresAt is { } expiry && expiry <= now)
        {
            logger.LogInformation("Refused expired API token {TokenId}", token.Id);
            return ApiTokenValidation.Refused(ApiTokenRefusal.Expired);
        }

        if (!await db.Users.AnyAsync(u => u.Id == token.UserId && u.AdminLockedAt == null, ct))
        {
            logger.LogInformation("Refused API token {TokenId}: its user is locked or gone", token.Id);
            return ApiTokenValidation.Refused(ApiTokenRefusal.UserLocked);
        }

        if (token.LastUsedAt is null || now - token.LastUsedAt.Value >= LastUsedResolution)
        {
            var staleBefore = now - LastUsedResolution;
            // The condition repeats the check in SQL so that concurrent requests write once, not once each.
            await db.ApiTokens
                .Where(t => t.Id == token.Id && (t.LastUsedAt == null || t.LastUsedAt <= staleBefore))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
            token.LastUsedAt = now;
        }
        return ApiTokenValidation.Accepted(token);
    }

    /// <summary>
    /// Revokes a token. Allowed to the token's owner, an admin of the token's tenant, or a CloudAdmin.
    /// Revoking a revoked token changes nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">Unknown token, or <paramref name="byUserId"/> may not revoke it.</exception>
    public Task RevokeAsync(string tokenId, string byUserId, CancellationToken ct = default) =>
        RevokeCoreAsync(tokenId, byUserId, null, ct);

    /// <summary>Revokes a token for the signed-in <paramref name="caller"/> (UI), with an audit entry in the same SaveChanges.</summary>
    public Task RevokeAsync(Caller caller, string tokenId, CancellationToken ct = default) =>
        RevokeCoreAsync(tokenId, caller.UserId, caller, ct);

    private async Task RevokeCoreAsync(string tokenId, string byUserId, Caller? auditAs, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId, ct)
            ?? throw new InvalidOperationException($"There is no API token with id '{tokenId}'.");

        var allowed = token.UserId == byUserId
            || await db.Memberships.AnyAsync(m => m.UserId == byUserId && m.TenantId == token.TenantId && m.Role == TenantRoles.Admin, ct)
            || await HasGlobalRoleAsync(db, byUserId, [TenantRoles.CloudAdmin], ct);
        if (!allowed)
        {
            throw new InvalidOperationException(
                "Only the token's owner, an admin of its tenant or a CloudAdmin may revoke an API token.");
        }
        if (token.RevokedAt is not null)
        {
            return;
        }

        var before = AuditJson(token);
        token.RevokedAt = time.GetUtcNow().UtcDateTime;
        if (auditAs is not null)
        {
            AuditLog.Record(db, auditAs, token.RevokedAt.Value, token.TenantId, ResourceActions.Update, ResourceTypes.ApiToken, token.Id, before, AuditJson(token));
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Revoked API token {TokenId} by user {UserId}", token.Id, byUserId);
        accessChanges.Report(token.UserId);
    }

    /// <summary>The user's tokens, newest first, revoked and expired ones included (see <see cref="ApiToken.IsActive"/>).</summary>
    public async Task<List<ApiToken>> ListForUserAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ApiTokens.AsNoTracking()
            .Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt)
            .ToListAsync(ct);
    }

    /// <summary>What the audit log keeps of a token: never the secret, its hash or its prefix.</summary>
    private static object AuditJson(ApiToken t) => new
    {
        id = t.Id,
        name = t.Name,
        user_id = t.UserId,
        tenant_id = t.TenantId,
        expires_at = t.ExpiresAt,
        revoked_at = t.RevokedAt,
    };

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static Task<bool> HasGlobalRoleAsync(AppDbContext db, string userId, string[] roleNames, CancellationToken ct) =>
        (from userRole in db.UserRoles
         join role in db.Roles on userRole.RoleId equals role.Id
         where userRole.UserId == userId && roleNames.Contains(role.Name!)
         select userRole).AnyAsync(ct);
}
