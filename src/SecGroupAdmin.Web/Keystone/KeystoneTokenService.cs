using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Keystone;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Keystone;

/// <summary>
/// Issues, validates and revokes Keystone tokens. A token's secret is <c>sgk_</c> + 32 random bytes in base64url;
/// only its SHA-256 (hex) is stored, and neither is ever logged. A token proves who the caller is; it stops working
/// when it expires or is revoked, when its user is admin-locked or deleted, when the user is no longer a member of
/// the token's project (nor a CloudAdmin or Auditor), and when the application credential it came from is revoked
/// or expires — all checked on every use, so a change ends it at once.
/// </summary>
public sealed class KeystoneTokenService(
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider time,
    IOptionsMonitor<KeystoneOptions> options,
    AccessChanges accessChanges,
    ILogger<KeystoneTokenService> logger)
{
    public const string SecretPrefix = "sgk_";

    /// <summary>True when <paramref name="presented"/> looks like one of these tokens (not an API token).</summary>
    public static bool IsKeystoneToken(string presented) => presented.StartsWith(SecretPrefix, StringComparison.Ordinal);

    /// <summary>
    /// Issues a token for a user the caller has authenticated, scoped to <paramref name="tenantId"/> (null: unscoped).
    /// It expires after <see cref="KeystoneOptions.TokenLifetime"/>, or at <paramref name="notAfter"/> when that is
    /// sooner (an application credential's own expiry, or the token a rescoping request presented).
    /// </summary>
    public async Task<(KeystoneToken Token, string Secret)> IssueAsync(
        string userId, string? tenantId, string method, string? applicationCredentialId, DateTime? notAfter, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expiry = now + options.CurrentValue.TokenLifetime;
        if (notAfter is { } limit && limit < expiry)
        {
            expiry = limit;
        }
        var secret = SecretPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var token = new KeystoneToken
        {
            TokenHash = Convert.ToHexStringLower(Hash(secret)),
            UserId = userId,
            TenantId = tenantId,
            Method = method,
            ApplicationCredentialId = applicationCredentialId,
            IssuedAt = now,
            ExpiresAt = expiry,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.KeystoneTokens.Add(token);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Issued Keystone token {TokenId} ({Method}) for user {UserId}, project {TenantId}", token.Id, method, userId, tenantId ?? "(unscoped)");
        return (token, secret);
    }

    /// <summary>The token row when <paramref name="presented"/> is a token that works now; null otherwise (the reason is logged, never the secret).</summary>
    public async Task<KeystoneToken?> ValidateAsync(string? presented, CancellationToken ct = default)
    {
        presented = presented?.Trim();
        if (string.IsNullOrEmpty(presented) || !IsKeystoneToken(presented))
        {
            return null;
        }
        var hash = Hash(presented);
        var hashHex = Convert.ToHexStringLower(hash);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.KeystoneTokens.AsNoTracking()
            .Where(t => t.TokenHash == hashHex)
            .Select(t => new
            {
                Token = t,
                UserActive = db.Users.Any(u => u.Id == t.UserId && u.AdminLockedAt == null),
                InScope = t.TenantId == null
                    || db.Memberships.Any(m => m.UserId == t.UserId && m.TenantId == t.TenantId)
                    || db.UserRoles.Any(ur => ur.UserId == t.UserId
                        && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == TenantRoles.CloudAdmin || r.Name == TenantRoles.Auditor))),
                CredentialActive = t.ApplicationCredentialId == null
                    || db.ApiTokens.Any(a => a.Id == t.ApplicationCredentialId && a.RevokedAt == null && (a.ExpiresAt == null || a.ExpiresAt > now)),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(row.Token.TokenHash), hash))
        {
            logger.LogInformation("Refused an unknown Keystone token");
            return null;
        }
        var refusal = row.Token.RevokedAt is not null ? "revoked"
            : row.Token.ExpiresAt <= now ? "expired"
            : !row.UserActive ? "its user is locked or gone"
            : !row.InScope ? "its user is no longer a member of its project"
            : !row.CredentialActive ? "its application credential was revoked or expired"
            : null;
        if (refusal is not null)
        {
            logger.LogInformation("Refused Keystone token {TokenId}: {Reason}", row.Token.Id, refusal);
            return null;
        }
        return row.Token;
    }

    /// <summary>Revokes a token (revoking a revoked one changes nothing).</summary>
    public async Task RevokeAsync(KeystoneToken token, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var changed = await db.KeystoneTokens.Where(t => t.Id == token.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
        if (changed > 0)
        {
            logger.LogInformation("Revoked Keystone token {TokenId} of user {UserId}", token.Id, token.UserId);
            accessChanges.Report(token.UserId);
        }
    }

    /// <summary>Deletes tokens that expired before <paramref name="before"/>; returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(DateTime before, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.KeystoneTokens.Where(t => t.ExpiresAt < before).ExecuteDeleteAsync(ct);
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
