using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Hosting;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Writes;
using static SecGroupAdmin.Web.Tests.Services.ServiceTestHost;

namespace SecGroupAdmin.Web.Tests.Services;

/// <summary>
/// PostgreSQL writers locked per tenant (<see cref="WriterLocks"/>), on a real server, with TWO app instances (two
/// service providers, each with its own <see cref="WritePipeline"/> and connection pool) on one database. Every race is
/// made deterministic with an explicit hold: the test takes a writer lock itself from its own connection (a session
/// advisory lock on the same key), waits until pg_locks shows the writers queued behind it, and lets go; PostgreSQL
/// then grants the lock to the waiters in the order they queued.
/// </summary>
public sealed class PerTenantWriterLockTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly ServiceTestHost host = new(DatabaseProvider.PostgreSql);
    private readonly ServiceProvider secondInstance;

    public PerTenantWriterLockTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSecGroupAdminCore(new DatabaseSettings(DatabaseProvider.PostgreSql, host.ConnectionString), new ConfigurationBuilder().Build());
        secondInstance = services.BuildServiceProvider();
    }

    private SecurityGroupService One => host.Service;
    private SecurityGroupService Two => secondInstance.GetRequiredService<SecurityGroupService>();

    public void Dispose()
    {
        secondInstance.Dispose();
        host.Dispose();
    }

    [Fact]
    public void Locks_are_taken_global_shared_first_then_tenants_in_ascending_key_order()
    {
        var (a, b) = (Tenant.NewId(), Tenant.NewId());
        var (low, high) = WriterLocks.TenantKey(a) < WriterLocks.TenantKey(b) ? (a, b) : (b, a);

        var sql = WriterLocks.ForTenants(high, low, high).LockSql();

        Assert.Equal($"SELECT pg_advisory_xact_lock_shared({WriterLocks.GlobalKey});SELECT pg_advisory_xact_lock({WriterLocks.TenantKey(low)});" +
            $"SELECT pg_advisory_xact_lock({WriterLocks.TenantKey(high)})", sql);
        Assert.Equal($"SELECT pg_advisory_xact_lock({WriterLocks.GlobalKey})", WriterLocks.Global().LockSql());
        Assert.Equal(WriterLocks.TenantKey(a), WriterLocks.TenantKey(new string(a.ToCharArray())));
    }

    [Fact]
    public async Task A_held_tenant_lock_holds_up_that_tenants_writes_but_not_another_tenants()
    {
        var groupA = await host.NewGroupAsync(host.MemberA);
        var groupB = await host.NewGroupAsync(host.MemberB);
        await using var hold = await LockHold.TakeAsync(host.ConnectionString, WriterLocks.TenantKey(host.TenantA));

        var writeA = Two.CreateRuleAsync(host.MemberA, Rule(groupA.Id, "tcp", 1001));
        await hold.WaitForWaitersAsync(1);
        var writeB = await One.CreateRuleAsync(host.MemberB, Rule(groupB.Id, "tcp", 1002)).WaitAsync(Patience);
        var otherWriteB = await Two.CreateRuleAsync(host.MemberB, Rule(groupB.Id, "tcp", 1003)).WaitAsync(Patience);

        Assert.False(writeA.IsCompleted);
        Assert.Equal(1, await hold.WaitersAsync());
        await hold.ReleaseAsync();
        Assert.Equal(1001, (await writeA.WaitAsync(Patience)).PortRangeMin);
        Assert.Equal([1002, 1003], new[] { writeB.PortRangeMin, otherWriteB.PortRangeMin });
        Assert.Equal(3, host.RuleCount(groupA.Id));
        Assert.Equal(4, host.RuleCount(groupB.Id));
    }

    [Fact]
    public async Task The_global_writer_lock_excludes_tenant_writers_and_tenant_writers_exclude_it()
    {
        var groupA = await host.NewGroupAsync(host.MemberA);
        var pipeline = secondInstance.GetRequiredService<WritePipeline>();

        // A global writer holds the global key exclusively: tenant writers wait.
        await using (var globalWriter = await LockHold.TakeAsync(host.ConnectionString, WriterLocks.GlobalKey))
        {
            var write = One.CreateRuleAsync(host.MemberA, Rule(groupA.Id, "tcp", 1001));
            await globalWriter.WaitForWaitersAsync(1);
            Assert.False(write.IsCompleted);
            await globalWriter.ReleaseAsync();
            await write.WaitAsync(Patience);
        }

        // A tenant writer holds the global key shared: a global write waits for it.
        await using var tenantWriter = await LockHold.TakeAsync(host.ConnectionString, WriterLocks.GlobalKey, shared: true);
        var globalWrite = pipeline.WriteAsync((db, _) => db.Tenants.CountAsync(), CancellationToken.None);
        await tenantWriter.WaitForWaitersAsync(1);
        Assert.False(globalWrite.IsCompleted);
        await tenantWriter.ReleaseAsync();
        Assert.Equal(3, await globalWrite.WaitAsync(Patience));
    }

    [Fact]
    public async Task Rule_quota_holds_for_concurrent_creates_in_one_tenant_on_two_instances()
    {
        var group = await host.NewGroupAsync(host.MemberA);
        var used = (await host.Quotas.GetQuotaUsageAsync(host.MemberA, host.TenantA)).SecurityGroupRules;
        await host.SetQuotaAsync(host.TenantA, null, used + 1);
        await using var hold = await LockHold.TakeAsync(host.ConnectionString, WriterLocks.TenantKey(host.TenantA));

        var first = Outcome(One.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 1001)));
        var second = Outcome(Two.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 1002)));
        await hold.WaitForWaitersAsync(2);
        await hold.ReleaseAsync();
        var results = await Task.WhenAll(first, second).WaitAsync(Patience);

        Assert.Single(results, r => r.Rule is not null);
        var refused = Assert.Single(results, r => r.Error is not null).Error!;
        Assert.Equal(("OverQuota", 409), (refused.Type, refused.Status));
        Assert.Equal(used + 1, (await host.Quotas.GetQuotaUsageAsync(host.MemberA, host.TenantA)).SecurityGroupRules);
    }

    [Fact]
    public async Task Group_quota_holds_for_concurrent_creates_in_one_tenant_on_two_instances()
    {
        await host.NewGroupAsync(host.MemberA);
        await host.SetQuotaAsync(host.TenantA, host.GroupCount(host.TenantA) + 1, null);
        await using var hold = await LockHold.TakeAsync(host.ConnectionString, WriterLocks.TenantKey(host.TenantA));

        var first = Outcome(One.CreateGroupAsync(host.MemberA, GroupCreateRequest.FromForm("one", null, true, false)));
        var second = Outcome(Two.CreateGroupAsync(host.MemberA, GroupCreateRequest.FromForm("two", null, true, false)));
        await hold.WaitForWaitersAsync(2);
        await hold.ReleaseAsync();
        var results = await Task.WhenAll(first, second).WaitAsync(Patience);

        Assert.Single(results, r => r.Rule is not null);
        Assert.Equal("OverQuota", Assert.Single(results, r => r.Error is not null).Error!.Type);
        Assert.Equal(3, host.GroupCount(host.TenantA));
    }

    [Fact]
    public async Task Identical_rule_creates_on_two_instances_store_one_rule_and_the_other_gets_SecurityGroupRuleExists()
    {
        var group = await host.NewGroupAsync(host.MemberA);
        await using var hold = await LockHold.TakeAsync(host.ConnectionString, WriterLocks.TenantKey(host.TenantA));

        var first = Outcome(One.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 443)));
        var second = Outcome(Two.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 443)));
        await hold.WaitForWaitersAsync(2);
        await hold.ReleaseAsync();
        var results = await Task.WhenAll(first, second).WaitAsync(Patience);

        var winner = (SecurityGroupRule)Assert.Single(results, r => r.Rule is not null).Rule!;
        var refused = Assert.Single(results, r => r.Error is not null).Error!;
        Assert.Equal(("SecurityGroupRuleExists", 409), (refused.Type, refused.Status));
        Assert.Equal($"Security group rule already exists. Rule id is {winner.Id}.", refused.Message);
        Assert.Equal(3, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task Default_group_creation_racing_on_two_instances_creates_one_default_group()
    {
        var tenantC = Tenant.NewId();
        await using (var db = host.NewDb())
        {
            db.Tenants.Add(new Tenant { Id = tenantC, Name = "tenant-c" });
            await db.SaveChangesAsync();
        }
        var memberC = new Caller("memberC", "carol", tenantC, TenantRoles.Member, false, false, ChangeSource.API);
        await using var hold = await LockHold.TakeAsync(host.ConnectionString, WriterLocks.TenantKey(tenantC));

        // Both look, find no default group, and queue to create it.
        var first = One.ListGroupsAsync(memberC);
        var second = Two.ListGroupsAsync(memberC);
        await hold.WaitForWaitersAsync(2);
        await hold.ReleaseAsync();
        var lists = await Task.WhenAll(first, second).WaitAsync(Patience);

        var made = Assert.Single(lists[0]);
        Assert.Equal("default", made.Name);
        Assert.Equal(made.Id, Assert.Single(lists[1]).Id);
        await using var check = host.NewDb();
        Assert.Equal(1, await check.DefaultSecurityGroups.CountAsync(d => d.TenantId == tenantC));
        Assert.Equal(4, host.RuleCount(made.Id));
    }

    [Fact]
    public async Task Revision_checked_updates_on_two_instances_let_one_through_and_refuse_the_other_with_412()
    {
        var group = await host.NewGroupAsync(host.MemberA);
        var revision = host.Revision(group.Id);
        await using var hold = await LockHold.TakeAsync(host.ConnectionString, WriterLocks.TenantKey(host.TenantA));

        var first = Outcome(One.UpdateGroupAsync(host.MemberA, group.Id, Rename("first"), revision));
        var second = Outcome(Two.UpdateGroupAsync(host.MemberA, group.Id, Rename("second"), revision));
        await hold.WaitForWaitersAsync(2);
        await hold.ReleaseAsync();
        var results = await Task.WhenAll(first, second).WaitAsync(Patience);

        var updated = (SecurityGroup)Assert.Single(results, r => r.Rule is not null).Rule!;
        var refused = Assert.Single(results, r => r.Error is not null).Error!;
        Assert.Equal((NeutronErrorTypes.RevisionNumberConstraintFailed, 412), (refused.Type, refused.Status));
        Assert.Equal($"Constrained to {revision}, but current revision is {revision + 1}", refused.Message);
        Assert.Equal(revision + 1, host.Revision(group.Id));
        await using var db = host.NewDb();
        Assert.Equal(updated.Name, await db.SecurityGroups.Where(g => g.Id == group.Id).Select(g => g.Name).SingleAsync());
    }

    [Fact]
    public async Task A_rule_on_another_tenants_group_that_commits_before_the_group_is_deleted_goes_with_it()
    {
        var groupA = await host.NewGroupAsync(host.MemberA);
        var groupB = await host.NewGroupAsync(host.MemberB);
        var revisionA = host.Revision(groupA.Id);
        using var retries = new RetryCounter();
        await using var hold = await LockHold.TakeAsync(host.ConnectionString, WriterLocks.TenantKey(host.TenantB));

        // The create queues first on B's lock (holding A's when its key is lower); the delete looked up only B (no
        // reference exists yet) and queues behind it.
        var create = One.CreateRuleAsync(host.CloudAdmin, Rule(groupA.Id, "tcp", 5432, remoteGroupId: groupB.Id), host.TenantA);
        await hold.WaitForWaitersAsync(1);
        var delete = Two.DeleteGroupAsync(host.MemberB, groupB.Id);
        await hold.WaitForWaitersAsync(2);
        await hold.ReleaseAsync();
        var rule = await create.WaitAsync(Patience);
        await delete.WaitAsync(Patience);

        // The delete met the new rule in tenant A, whose lock it had not taken, and ran again with it.
        Assert.True(retries.Count >= 1);
        await using var db = host.NewDb();
        Assert.False(await db.SecurityGroups.AnyAsync(g => g.Id == groupB.Id));
        Assert.False(await db.SecurityGroupRules.AnyAsync(r => r.Id == rule.Id));
        Assert.False(await db.SecurityGroupRules.AnyAsync(r => r.RemoteGroupId != null && !db.SecurityGroups.Any(g => g.Id == r.RemoteGroupId)));
        Assert.Equal(revisionA + 2, host.Revision(groupA.Id));
        Assert.Equal(2, host.RuleCount(groupA.Id));
    }

    [Fact]
    public async Task A_rule_on_another_tenants_group_deleted_first_is_refused_with_remote_group_not_found()
    {
        var groupA = await host.NewGroupAsync(host.MemberA);
        var groupB = await host.NewGroupAsync(host.MemberB);
        var revisionA = host.Revision(groupA.Id);
        await using var hold = await LockHold.TakeAsync(host.ConnectionString, WriterLocks.TenantKey(host.TenantB));

        var delete = Two.DeleteGroupAsync(host.MemberB, groupB.Id);
        await hold.WaitForWaitersAsync(1);
        var create = Outcome(One.CreateRuleAsync(host.CloudAdmin, Rule(groupA.Id, "tcp", 5432, remoteGroupId: groupB.Id), host.TenantA));
        await hold.WaitForWaitersAsync(2);
        await hold.ReleaseAsync();
        await delete.WaitAsync(Patience);
        var refused = (await create.WaitAsync(Patience)).Error!;

        Assert.Equal((NeutronErrorTypes.SecurityGroupNotFound, 404), (refused.Type, refused.Status));
        Assert.Equal(NotFoundMessage(groupB.Id), refused.Message);
        Assert.Equal(2, host.RuleCount(groupA.Id));
        Assert.Equal(revisionA, host.Revision(groupA.Id));
    }

    [Fact]
    public async Task Two_cross_tenant_writers_taking_A_B_and_B_A_do_not_deadlock()
    {
        var groupA = await host.NewGroupAsync(host.MemberA);
        var groupB = await host.NewGroupAsync(host.MemberB);
        var lowKey = Math.Min(WriterLocks.TenantKey(host.TenantA), WriterLocks.TenantKey(host.TenantB));
        await using var hold = await LockHold.TakeAsync(host.ConnectionString, lowKey);

        // A rule in A naming B's group, and one in B naming A's: both need A and B. Taken in request order, one would
        // hold the higher key while the other, granted the lower one on release, waited for it: a deadlock.
        var aToB = One.CreateRuleAsync(host.CloudAdmin, Rule(groupA.Id, "tcp", 1001, remoteGroupId: groupB.Id), host.TenantA);
        var bToA = Two.CreateRuleAsync(host.CloudAdmin, Rule(groupB.Id, "tcp", 1002, remoteGroupId: groupA.Id), host.TenantB);
        await hold.WaitForWaitersAsync(2);
        await hold.ReleaseAsync();
        await Task.WhenAll(aToB, bToA).WaitAsync(Patience);

        Assert.Equal(groupB.Id, (await aToB).RemoteGroupId);
        Assert.Equal(groupA.Id, (await bToA).RemoteGroupId);
    }

    [Fact]
    public async Task A_CloudAdmin_bulk_across_two_tenants_waits_for_either_tenants_lock()
    {
        var hold = await LockHold.TakeAsync(host.ConnectionString, WriterLocks.TenantKey(host.TenantB));
        await using (hold)
        {
            var bulk = One.CreateGroupsAsync(host.CloudAdmin,
            [
                GroupCreateRequest.FromForm("in-a", null, true, false) with { ProjectId = host.TenantA },
                GroupCreateRequest.FromForm("in-b", null, true, false) with { ProjectId = host.TenantB },
            ]);
            await hold.WaitForWaitersAsync(1);
            Assert.False(bulk.IsCompleted);
            await hold.ReleaseAsync();
            Assert.Equal(2, (await bulk.WaitAsync(Patience)).Count);
        }
        Assert.Equal(2, host.GroupCount(host.TenantB));
    }

    private static GroupUpdateRequest Rename(string name) => new() { Name = InputValue.FromString(name) };

    private sealed record Result(object? Rule, NeutronError? Error);

    private static async Task<Result> Outcome<T>(Task<T> write)
    {
        try
        {
            return new Result(await write, null);
        }
        catch (NeutronException refused)
        {
            return new Result(null, refused.Error);
        }
    }

    /// <summary>Counts <c>secgroupadmin.writes.lock_retries</c> while it lives.</summary>
    private sealed class RetryCounter : IDisposable
    {
        private readonly MeterListener listener = new();
        private long count;

        public RetryCounter()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "secgroupadmin.writes.lock_retries")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref count, value));
            listener.Start();
        }

        public long Count => Interlocked.Read(ref count);

        public void Dispose() => listener.Dispose();
    }

    /// <summary>A writer lock held by the test on its own connection (a session advisory lock on the writers' key).</summary>
    private sealed class LockHold : IAsyncDisposable
    {
        private readonly NpgsqlConnection connection;
        private readonly long key;
        private readonly bool shared;
        private bool released;

        private LockHold(NpgsqlConnection connection, long key, bool shared)
        {
            this.connection = connection;
            this.key = key;
            this.shared = shared;
        }

        public static async Task<LockHold> TakeAsync(string connectionString, long key, bool shared = false)
        {
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(shared ? "SELECT pg_advisory_lock_shared(@key)" : "SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync();
            return new LockHold(connection, key, shared);
        }

        /// <summary>Transactions of this database waiting for the key (pg_locks splits a bigint key into two 32-bit halves).</summary>
        public async Task<long> WaitersAsync()
        {
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objsubid = 1 " +
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) " +
                "AND ((classid::bigint << 32) | objid::bigint) = @key", connection);
            command.Parameters.AddWithValue("key", key);
            return (long)(await command.ExecuteScalarAsync())!;
        }

        /// <summary>Returns once <paramref name="count"/> writers queue behind the hold (a condition, not a timing).</summary>
        public async Task WaitForWaitersAsync(int count)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (await WaitersAsync() < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"fewer than {count} writers queued behind lock {key} within {Patience}");
                await Task.Delay(10);
            }
        }

        public async Task ReleaseAsync()
        {
            if (released)
            {
                return;
            }
            released = true;
            await using var command = new NpgsqlCommand(shared ? "SELECT pg_advisory_unlock_shared(@key)" : "SELECT pg_advisory_unlock(@key)", connection);
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await ReleaseAsync();
            await connection.DisposeAsync();
        }
    }
}
