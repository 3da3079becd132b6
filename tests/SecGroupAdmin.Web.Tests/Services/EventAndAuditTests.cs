using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data.Audit;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.Ports;
using SecGroupAdmin.Web.Quotas;
using SecGroupAdmin.Web.SecurityGroups;
using static SecGroupAdmin.Web.Tests.Services.ServiceTestHost;

namespace SecGroupAdmin.Web.Tests.Services;

/// <summary>Resource events as Neutron publishes them (neutron/db/securitygroups_db.py: _registry_notify; before veto, precommit rollback, after-commit only) and the audit log.</summary>
public sealed class EventAndAuditTests : IDisposable
{
    private readonly ServiceTestHost host = new();
    private SecurityGroupService Service => host.Service;
    private PortService Ports => host.Ports;
    private QuotaService Quotas => host.Quotas;

    public void Dispose() => host.Dispose();

    private static Func<ResourceEvent, CancellationToken, Task> Veto(NeutronError error) => (_, _) => throw new NeutronException(error);

    private async Task<List<AuditEntry>> AuditAsync()
    {
        using var db = host.NewDb();
        return await db.AuditEntries.OrderBy(a => a.Id).ToListAsync();
    }

    [Fact]
    public async Task Before_subscriber_veto_on_rule_create_gives_its_own_error_and_writes_nothing()
    {
        var group = await host.NewGroupAsync();
        var audits = host.AuditCount();
        var revision = host.Revision(group.Id);
        using var _ = host.Events.Subscribe(EventPhase.Before, Veto(NeutronErrors.InvalidInput("no ssh")), ResourceTypes.SecurityGroupRule);

        await AssertFails(() => Service.CreateRuleAsync(host.MemberA, Rule(group.Id)), 400, "InvalidInput", "Invalid input for operation: no ssh.");

        Assert.Equal(2, host.RuleCount(group.Id));
        Assert.Equal(audits, host.AuditCount());
        Assert.Equal(revision, host.Revision(group.Id));
    }

    [Fact]
    public async Task Before_subscriber_veto_on_group_create_is_409_SecurityGroupConflict_and_writes_nothing()
    {
        await Service.ListGroupsAsync(host.MemberA);
        var audits = host.AuditCount();
        using var _ = host.Events.Subscribe(EventPhase.Before, Veto(NeutronErrors.InvalidInput("nope")), ResourceTypes.SecurityGroup);

        await AssertFails(() => host.NewGroupAsync(), 409, "SecurityGroupConflict",
            "Error cannot perform before_create due to Invalid input for operation: nope. while attempting the operation.");

        Assert.Equal(1, host.GroupCount(host.TenantA));
        Assert.Equal(audits, host.AuditCount());
    }

    [Fact]
    public async Task Precommit_veto_on_rule_create_rolls_back_and_is_409_SecurityGroupConflict()
    {
        var group = await host.NewGroupAsync();
        var audits = host.AuditCount();
        var revision = host.Revision(group.Id);
        var sawRowInTransaction = false;
        using var _ = host.Events.Subscribe(EventPhase.Precommit, async (e, ct) =>
        {
            // Precommit runs inside the transaction: the new row is visible through the event's context.
            sawRowInTransaction = await e.Db!.SecurityGroupRules.AnyAsync(r => r.Id == e.ResourceId, ct);
            throw new NeutronException(NeutronErrors.InvalidInput("acl backend down"));
        }, ResourceTypes.SecurityGroupRule);

        await AssertFails(() => Service.CreateRuleAsync(host.MemberA, Rule(group.Id)), 409, "SecurityGroupConflict",
            "Error cannot perform precommit_create due to Invalid input for operation: acl backend down. while attempting the operation.");

        Assert.True(sawRowInTransaction);
        Assert.Equal(2, host.RuleCount(group.Id));
        Assert.Equal(audits, host.AuditCount());
        Assert.Equal(revision, host.Revision(group.Id));
    }

    [Fact]
    public async Task Precommit_veto_on_group_update_and_delete_rolls_back()
    {
        var group = await host.NewGroupAsync();
        var audits = host.AuditCount();
        using var _ = host.Events.Subscribe(EventPhase.Precommit, Veto(NeutronErrors.InvalidInput("x")), ResourceTypes.SecurityGroup);

        await AssertFails(() => Service.UpdateGroupAsync(host.MemberA, group.Id, new GroupUpdateRequest { Name = InputValue.FromString("new") }),
            409, "SecurityGroupConflict");
        await AssertFails(() => Service.DeleteGroupAsync(host.MemberA, group.Id), 409, "SecurityGroupInUse",
            $"Security Group {group.Id} cannot perform precommit_delete due to Invalid input for operation: x..");

        var stored = await Service.GetGroupAsync(host.MemberA, group.Id);
        Assert.Equal("web", stored.Name);
        Assert.Equal(2, stored.Rules.Count);
        Assert.Equal(audits, host.AuditCount());
    }

    [Fact]
    public async Task Precommit_veto_on_rule_delete_is_409_SecurityGroupRuleInUse_and_keeps_the_rule()
    {
        var group = await host.NewGroupAsync();
        var rule = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id));
        using var _ = host.Events.Subscribe(EventPhase.Precommit, Veto(NeutronErrors.InvalidInput("x")), ResourceTypes.SecurityGroupRule);

        var error = await AssertFails(() => Service.DeleteRuleAsync(host.MemberA, rule.Id), 409, "SecurityGroupRuleInUse");

        Assert.StartsWith("Security Group Rule None cannot perform precommit_delete due to", error.Message);
        Assert.Equal(3, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task After_subscribers_run_only_after_commit_and_see_the_committed_row()
    {
        var group = await host.NewGroupAsync();
        var seen = new List<(string Action, bool Committed)>();
        using var _ = host.Events.Subscribe(EventPhase.After, async (e, ct) =>
        {
            using var db = host.NewDb();
            var committed = await db.SecurityGroupRules.AnyAsync(r => r.Id == e.ResourceId, ct);
            lock (seen)
            {
                seen.Add((e.Action, committed));
            }
        }, ResourceTypes.SecurityGroupRule);

        var rule = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id));
        Assert.Equal([("create", true)], seen);

        await Service.DeleteRuleAsync(host.MemberA, rule.Id);
        Assert.Equal(("delete", false), seen[1]);
    }

    [Fact]
    public async Task After_subscribers_never_see_a_failed_operation()
    {
        var group = await host.NewGroupAsync();
        var existing = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id));
        var afterEvents = new List<ResourceEvent>();
        using var _ = host.Events.Subscribe(EventPhase.After, (e, _) => { afterEvents.Add(e); return Task.CompletedTask; });
        using var veto = host.Events.Subscribe(EventPhase.Precommit, (e, _) =>
            e.Action == "update" ? throw new NeutronException(NeutronErrors.InvalidInput("x")) : Task.CompletedTask);

        await AssertFails(() => Service.CreateRuleAsync(host.MemberA, Rule(group.Id)), 409, "SecurityGroupRuleExists");
        await AssertFails(() => Service.CreateRuleAsync(host.MemberA, Rule(group.Id, port: 0)), 400, "SecurityGroupInvalidPortValue");
        await AssertFails(() => Service.UpdateGroupAsync(host.MemberA, group.Id, new GroupUpdateRequest { Description = InputValue.FromString("d") }), 409, "SecurityGroupConflict");
        await AssertFails(() => Service.DeleteRuleAsync(host.ReaderA, existing.Id), 403, "PolicyNotAuthorized");

        Assert.Empty(afterEvents);
    }

    [Fact]
    public async Task Bulk_create_publishes_one_after_event_per_rule()
    {
        var group = await host.NewGroupAsync();
        var afterEvents = new List<ResourceEvent>();
        using var _ = host.Events.Subscribe(EventPhase.After, (e, _) => { afterEvents.Add(e); return Task.CompletedTask; }, ResourceTypes.SecurityGroupRule);

        var created = await Service.CreateRulesAsync(host.MemberA, [Rule(group.Id, port: 1), Rule(group.Id, port: 2), Rule(group.Id, port: 3)]);

        Assert.Equal(created.Select(r => r.Id), afterEvents.Select(e => e.ResourceId));
        Assert.All(afterEvents, e => Assert.Equal(group.Id, e.SecurityGroupId));
        Assert.All(afterEvents, e => Assert.Equal(ServiceTestHost.MemberAId, e.ActorUserId));
    }

    [Fact]
    public async Task After_subscriber_that_throws_does_not_fail_the_operation_and_is_logged()
    {
        var group = await host.NewGroupAsync();
        using var _ = host.Events.Subscribe(EventPhase.After, (_, _) => throw new InvalidOperationException("agent unreachable"));

        var rule = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id));

        Assert.Equal(3, host.RuleCount(group.Id));
        Assert.Equal(rule.Id, (await Service.GetRuleAsync(host.MemberA, rule.Id)).Id);
        Assert.Contains(host.Log, l => l.Contains("agent unreachable"));
    }

    [Fact]
    public async Task Every_change_kind_writes_one_audit_entry_with_actor_tenant_source_and_snapshots()
    {
        var group = await host.NewGroupAsync();
        await Service.UpdateGroupAsync(host.MemberA, group.Id, new GroupUpdateRequest { Description = InputValue.FromString("d2") });
        var rule = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, port: 22));
        var replaced = await Service.ReplaceRuleAsync(host.MemberA, rule.Id, Rule(group.Id, port: 2222));
        await Service.DeleteRuleAsync(host.MemberA, replaced.Id);
        var port = await Ports.CreatePortAsync(host.MemberA, new PortCreateRequest { Name = "vm", SecurityGroupIds = [group.Id] });
        await Ports.UpdatePortAsync(host.MemberA, port.Id, new PortUpdateRequest { SecurityGroupIds = [] });
        await Ports.DeletePortAsync(host.MemberA, port.Id);
        await Service.DeleteGroupAsync(host.MemberA, group.Id);
        await Quotas.UpdateQuotaAsync(host.CloudAdmin, host.TenantA, 20, null);

        var audit = await AuditAsync();
        var kinds = audit.Select(a => (a.ResourceType, a.Action)).ToList();
        Assert.Equal(
        [
            ("security_group", "create"), // the default group
            ("security_group", "create"),
            ("security_group", "update"),
            ("security_group_rule", "create"),
            ("security_group_rule", "replace"),
            ("security_group_rule", "delete"),
            ("port", "create"),
            ("port", "update"),
            ("port", "delete"),
            ("security_group", "delete"),
            ("quota", "update"),
        ], kinds);
        Assert.All(audit.Take(10), a =>
        {
            Assert.Equal(ServiceTestHost.MemberAId, a.ActorUserId);
            Assert.Equal("alice", a.ActorName);
            Assert.Equal(host.TenantA, a.TenantId);
            Assert.Equal("UI", a.Source);
            Assert.Equal("req-1", a.RequestId);
        });
        var quota = audit[^1];
        Assert.Equal("cloudadmin", quota.ActorUserId);
        Assert.Equal("CLI", quota.Source);
        Assert.Equal(host.TenantA, quota.ResourceId);
        Assert.Equal(10, JsonDocument.Parse(quota.BeforeJson!).RootElement.GetProperty("security_group").GetInt32());
        Assert.Equal(20, JsonDocument.Parse(quota.AfterJson!).RootElement.GetProperty("security_group").GetInt32());

        var update = audit[2];
        Assert.Equal(group.Id, update.ResourceId);
        Assert.Equal("", JsonDocument.Parse(update.BeforeJson!).RootElement.GetProperty("description").GetString());
        Assert.Equal("d2", JsonDocument.Parse(update.AfterJson!).RootElement.GetProperty("description").GetString());
        var create = audit[3];
        Assert.Null(create.BeforeJson);
        Assert.Equal(22, JsonDocument.Parse(create.AfterJson!).RootElement.GetProperty("port_range_min").GetInt32());
        var replace = audit[4];
        Assert.Equal(22, JsonDocument.Parse(replace.BeforeJson!).RootElement.GetProperty("port_range_min").GetInt32());
        Assert.Equal(2222, JsonDocument.Parse(replace.AfterJson!).RootElement.GetProperty("port_range_min").GetInt32());
        Assert.Null(audit[5].AfterJson);
        Assert.Equal(group.Id, JsonDocument.Parse(audit[6].AfterJson!).RootElement.GetProperty("security_groups")[0].GetString());
        Assert.Equal(0, JsonDocument.Parse(audit[7].AfterJson!).RootElement.GetProperty("security_groups").GetArrayLength());
    }

    [Fact]
    public async Task Failed_operations_write_no_audit_entry()
    {
        var group = await host.NewGroupAsync();
        var rule = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, port: 22));
        var audits = host.AuditCount();

        await AssertFails(() => Service.CreateRuleAsync(host.MemberA, Rule(group.Id, port: 22)), 409, "SecurityGroupRuleExists");
        await AssertFails(() => Service.CreateRuleAsync(host.MemberB, Rule(group.Id, port: 23)), 404, "SecurityGroupNotFound");
        await AssertFails(() => Service.DeleteGroupAsync(host.ReaderA, group.Id), 403, "PolicyNotAuthorized");
        await AssertFails(() => Service.UpdateGroupAsync(host.MemberA, group.Id, new GroupUpdateRequest { Name = InputValue.FromString("default") }), 409, "SecurityGroupDefaultAlreadyExists");
        await AssertFails(() => Quotas.UpdateQuotaAsync(host.MemberA, host.TenantA, 1, 1), 403, "PolicyNotAuthorized");
        await AssertFails(() => Ports.CreatePortAsync(host.MemberA, new PortCreateRequest { SecurityGroupIds = [group.Id, group.Id] }), 400, "HTTPBadRequest");
        await host.Events.Subscribe(EventPhase.Precommit, Veto(NeutronErrors.InvalidInput("x")), ResourceTypes.SecurityGroupRule).DisposeAfter(async () =>
            await AssertFails(() => Service.ReplaceRuleAsync(host.MemberA, rule.Id, Rule(group.Id, port: 24)), 409, "SecurityGroupConflict"));

        Assert.Equal(audits, host.AuditCount());
        Assert.Equal(22, (await Service.GetRuleAsync(host.MemberA, rule.Id)).PortRangeMin);
    }
}

internal static class DisposableExtensions
{
    public static async Task DisposeAfter(this IDisposable subscription, Func<Task> act)
    {
        using (subscription)
        {
            await act();
        }
    }
}
