using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Web.ApiTokens;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Tests.Infrastructure;

namespace SecGroupAdmin.Web.Tests.ApiTokens;

public sealed class ApiTokenServiceTests : IDisposable
{
    private readonly SqliteTestDatabase database = new();
    private readonly ManualTimeProvider clock = new();
    private readonly ApiTokenService service;
    private readonly string userId;
    private readonly string tenantId;

    public ApiTokenServiceTests()
    {
        service = new ApiTokenService(database.Factory, clock, new AccessChanges(), NullLogger<ApiTokenService>.Instance);
        var people = database.People;
        (userId, tenantId) = Task.Run(async () => (
            (await people.PersonAsync("alice@example.test", Role.Member, "acme")).Id,
            (await people.TenantAsync("acme")).Id)).GetAwaiter().GetResult();
    }

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Issued_token_validates_and_names_its_user_and_tenant()
    {
        var issued = await service.IssueAsync(userId, tenantId, "ci", null);

        var validation = await service.ValidateAsync(issued.Secret);

        Assert.True(validation.Succeeded);
        Assert.Null(validation.Refusal);
        Assert.Equal(issued.Token.Id, validation.Token!.Id);
        Assert.Equal(userId, validation.Token.UserId);
        Assert.Equal(tenantId, validation.Token.TenantId);
    }

    [Fact]
    public async Task Secret_is_sga_and_32_random_bytes_in_base64url()
    {
        var first = await service.IssueAsync(userId, tenantId, "one", null);
        var second = await service.IssueAsync(userId, tenantId, "two", null);

        Assert.Matches("^sga_[A-Za-z0-9_-]{43}$", first.Secret);
        Assert.NotEqual(first.Secret, second.Secret);
    }

    [Fact]
    public async Task Stored_row_holds_the_hash_and_prefix_but_not_the_secret()
    {
        var issued = await service.IssueAsync(userId, tenantId, "ci", clock.GetUtcNow().UtcDateTime.AddDays(30));

        await using var db = database.CreateDbContext();
        var row = await db.ApiTokens.SingleAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(issued.Secret))), row.TokenHash);
        Assert.Equal(issued.Secret[..8], row.Prefix);

        // Every column of the stored row, read raw, so nothing the entity does not map can hide the secret.
        var randomPart = issued.Secret["sga_".Length..];
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM ApiTokens";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var value = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "";
            Assert.DoesNotContain(issued.Secret, value);
            Assert.DoesNotContain(randomPart, value);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Missing_token_is_refused_as_missing(string? presented)
    {
        var validation = await service.ValidateAsync(presented);

        Assert.False(validation.Succeeded);
        Assert.Null(validation.Token);
        Assert.Equal(ApiTokenRefusal.Missing, validation.Refusal);
    }

    [Fact]
    public async Task Unknown_token_is_refused_as_unknown()
    {
        var issued = await service.IssueAsync(userId, tenantId, "ci", null);

        var validation = await service.ValidateAsync(issued.Secret[..^1] + (issued.Secret[^1] == 'A' ? 'B' : 'A'));

        Assert.Equal(ApiTokenRefusal.Unknown, validation.Refusal);
        Assert.Null(validation.Token);
    }

    [Fact]
    public async Task Revoked_token_is_refused_as_revoked()
    {
        var issued = await service.IssueAsync(userId, tenantId, "ci", null);

        await service.RevokeAsync(issued.Token.Id, userId);

        Assert.Equal(ApiTokenRefusal.Revoked, (await service.ValidateAsync(issued.Secret)).Refusal);
    }

    [Fact]
    public async Task Expired_token_is_refused_as_expired()
    {
        var issued = await service.IssueAsync(userId, tenantId, "ci", clock.GetUtcNow().UtcDateTime.AddHours(1));
        Assert.True((await service.ValidateAsync(issued.Secret)).Succeeded);

        clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(ApiTokenRefusal.Expired, (await service.ValidateAsync(issued.Secret)).Refusal);
    }

    [Fact]
    public async Task Expiry_in_the_past_is_refused_at_issue()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            service.IssueAsync(userId, tenantId, "ci", clock.GetUtcNow().UtcDateTime.AddMinutes(-1)));
    }

    [Fact]
    public async Task Last_use_is_recorded_at_most_once_a_minute()
    {
        var issued = await service.IssueAsync(userId, tenantId, "ci", null);
        Assert.Null(issued.Token.LastUsedAt);
        var firstUse = clock.GetUtcNow().UtcDateTime;

        await service.ValidateAsync(issued.Secret);
        Assert.Equal(firstUse, await StoredLastUsedAsync(issued.Token.Id));

        clock.Advance(TimeSpan.FromSeconds(30));
        var again = await service.ValidateAsync(issued.Secret);
        Assert.Equal(firstUse, again.Token!.LastUsedAt);
        Assert.Equal(firstUse, await StoredLastUsedAsync(issued.Token.Id));

        clock.Advance(TimeSpan.FromSeconds(31));
        await service.ValidateAsync(issued.Secret);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, await StoredLastUsedAsync(issued.Token.Id));
    }

    [Fact]
    public async Task Non_member_without_a_global_role_cannot_get_a_token()
    {
        await using var db = database.CreateDbContext();
        var stranger = await database.People.PersonAsync("mallory@example.test", Role.Outsider);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            service.IssueAsync(stranger.Id, tenantId, "ci", null));

        Assert.Contains("not a member", refused.Message);
        Assert.Empty(await db.ApiTokens.ToListAsync());
    }

    [Theory]
    [InlineData(Role.CloudAdmin)]
    [InlineData(Role.Auditor)]
    public async Task Global_role_holder_gets_a_token_for_any_tenant(Role globalRole)
    {
        var operatorUser = await database.People.PersonAsync("ops@example.test", globalRole);

        var issued = await service.IssueAsync(operatorUser.Id, tenantId, "ops", null);

        Assert.True((await service.ValidateAsync(issued.Secret)).Succeeded);
    }

    [Fact]
    public async Task Issuing_for_another_user_is_refused_to_a_caller_who_is_not_a_CloudAdmin_now()
    {
        await using var db = database.CreateDbContext();
        var bob = await database.People.PersonAsync("bob@example.test", Role.TenantAdmin, "acme");
        var tenantAdmin = new Caller(bob.Id, "bob", tenantId, TenantRoles.Admin, false, false, ChangeSource.UI);
        // Built as a CloudAdmin, but the role is not (or no longer) in the database.
        var formerCloudAdmin = tenantAdmin with { IsCloudAdmin = true };

        foreach (var caller in new[] { tenantAdmin, formerCloudAdmin })
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
                service.IssueForUserAsync(caller, userId, tenantId, "ci", null));
            Assert.Equal("Only a CloudAdmin may issue an API token for another user.", refused.Message);
        }
        Assert.Empty(await db.ApiTokens.ToListAsync());
        Assert.Empty(await db.AuditEntries.ToListAsync());
    }

    [Fact]
    public async Task CloudAdmin_issues_for_another_user_with_an_audit_entry_naming_the_CloudAdmin()
    {
        await using var db = database.CreateDbContext();
        var root = await database.People.PersonAsync("root@example.test", Role.CloudAdmin);
        var cloudAdmin = new Caller(root.Id, "root", "", null, true, false, ChangeSource.UI);

        var issued = await service.IssueForUserAsync(cloudAdmin, userId, tenantId, "ci", null);

        Assert.Equal(userId, (await service.ValidateAsync(issued.Secret)).Token!.UserId);
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal((root.Id, "UI", "create", "api_token", issued.Token.Id, tenantId),
            (audit.ActorUserId, audit.Source, audit.Action, audit.ResourceType, audit.ResourceId, audit.TenantId));
    }

    [Fact]
    public async Task The_system_operator_issues_for_a_user_as_the_CLI()
    {
        var issued = await service.IssueForUserAsync(Caller.SystemOperator(ChangeSource.CLI), userId, tenantId, "ci", null);

        await using var db = database.CreateDbContext();
        Assert.Equal(userId, (await db.ApiTokens.SingleAsync()).UserId);
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal(("cli", "admin CLI", "CLI", issued.Token.Id),
            (audit.ActorUserId, audit.ActorName, audit.Source, audit.ResourceId));
    }

    [Fact]
    public async Task Unknown_tenant_is_refused_at_issue()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            service.IssueAsync(userId, Guid.NewGuid().ToString("N"), "ci", null));
    }

    [Fact]
    public async Task Only_owner_tenant_admin_or_cloud_admin_may_revoke()
    {
        var issued = await service.IssueAsync(userId, tenantId, "ci", null);
        var otherMember = await database.People.PersonAsync("bob@example.test", Role.Member, "acme");
        var tenantAdmin = await database.People.PersonAsync("carol@example.test", Role.TenantAdmin, "acme");

        await Assert.ThrowsAsync<InvalidOperationException>(() => service.RevokeAsync(issued.Token.Id, otherMember.Id));
        Assert.True((await service.ValidateAsync(issued.Secret)).Succeeded);

        await service.RevokeAsync(issued.Token.Id, tenantAdmin.Id);
        Assert.Equal(ApiTokenRefusal.Revoked, (await service.ValidateAsync(issued.Secret)).Refusal);
    }

    [Fact]
    public async Task Lists_a_users_tokens_newest_first()
    {
        var older = await service.IssueAsync(userId, tenantId, "older", null);
        clock.Advance(TimeSpan.FromMinutes(5));
        var newer = await service.IssueAsync(userId, tenantId, "newer", null);

        var tokens = await service.ListForUserAsync(userId);

        Assert.Equal([newer.Token.Id, older.Token.Id], tokens.Select(t => t.Id));
        Assert.Empty(await service.ListForUserAsync("nobody"));
    }

    private async Task<DateTime?> StoredLastUsedAsync(string tokenId)
    {
        await using var db = database.CreateDbContext();
        return (await db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == tokenId)).LastUsedAt;
    }
}
