using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Events;
using SecGroupAdmin.Web.SecurityGroups;
using static SecGroupAdmin.Web.Tests.Services.ServiceTestHost;

namespace SecGroupAdmin.Web.Tests.Services;

/// <summary>
/// <see cref="SecurityGroupService.ApplyRuleChangeSetAsync"/> on real SQLite: several rule changes of one group saved
/// all or nothing, with one audit entry per rule sharing the change set's id.
/// </summary>
public sealed class RuleChangeSetTests : IDisposable
{
    private readonly ServiceTestHost host = new();
    private SecurityGroupService Service => host.Service;

    public void Dispose() => host.Dispose();

    private async Task<(SecurityGroup Group, SecurityGroupRule Ssh, SecurityGroupRule Https, SecurityGroupRule Postgres)> GroupWithThreeRulesAsync()
    {
        var group = await host.NewGroupAsync(startEmpty: true);
        var ssh = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 22, "10.0.0.0/8"));
        var https = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 443, "0.0.0.0/0"));
        var postgres = await Service.CreateRuleAsync(host.MemberA, Rule(group.Id, "tcp", 5432, "10.1.0.0/16"));
        return (group, ssh, https, postgres);
    }

    private List<SecurityGroupRule> StoredRules(string groupId)
    {
        using var db = host.NewDb();
        return [.. db.SecurityGroupRules.AsNoTracking().Where(r => r.SecurityGroupId == groupId).OrderBy(r => r.PortRangeMin)];
    }

    [Fact]
    public async Task Adds_changes_and_removes_in_one_save_with_one_audit_entry_per_rule_sharing_the_change_set_id_and_one_notification()
    {
        var (group, ssh, https, postgres) = await GroupWithThreeRulesAsync();
        var revision = host.Revision(group.Id);
        var auditBefore = host.AuditCount();
        var notified = new List<ResourceEvent>();
        using var _ = host.Events.Subscribe(EventPhase.After, (e, _) =>
        {
            notified.Add(e);
            return Task.CompletedTask;
        });

        var result = await Service.ApplyRuleChangeSetAsync(host.MemberA, group.Id, new RuleChangeSet
        {
            Added = [Rule(group.Id, "udp", 53, "10.0.0.0/8")],
            Changed = [new RuleChange(ssh.Id, Rule(group.Id, "tcp", 2222, "10.0.0.0/8", description: "ssh moved"), ssh.RevisionNumber)],
            Removed = [new RuleRemoval(postgres.Id, postgres.RevisionNumber)],
        });

        var stored = StoredRules(group.Id);
        Assert.Equal([53, 443, 2222], stored.Select(r => r.PortRangeMin!.Value));
        Assert.DoesNotContain(stored, r => r.Id == ssh.Id || r.Id == postgres.Id);
        Assert.Contains(stored, r => r.Id == https.Id);
        Assert.Equal("ssh moved", stored.Single(r => r.PortRangeMin == 2222).Description);
        Assert.Equal(result.Changed.Single().Id, stored.Single(r => r.PortRangeMin == 2222).Id);
        Assert.Equal([postgres.Id], result.RemovedIds);
        Assert.Equal(revision + 1, host.Revision(group.Id));
        Assert.Equal(revision + 1, result.GroupRevision);

        using var db = host.NewDb();
        var entries = db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).Skip(auditBefore).ToList();
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal(result.ChangeSetId, e.ChangeSetId));
        Assert.All(entries, e => Assert.Equal(group.Id, e.SecurityGroupId));
        Assert.Equal(["create", "delete", "replace"], entries.Select(e => e.Action).Order());
        Assert.Equal(ssh.Id, System.Text.Json.JsonDocument.Parse(entries.Single(e => e.Action == "replace").BeforeJson!).RootElement.GetProperty("id").GetString());
        // Changes made on their own carry no change set.
        Assert.All(db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).Take(auditBefore).ToList(), e => Assert.Null(e.ChangeSetId));

        var notification = Assert.Single(notified);
        Assert.Equal(group.Id, notification.SecurityGroupId);
        Assert.Equal(result.ChangeSetId, notification.Metadata!["change_set_id"]);
        Assert.Equal(revision + 1, notification.Revision);
    }

    [Fact]
    public async Task One_bad_row_writes_nothing_and_the_error_names_the_row_and_field()
    {
        var (group, ssh, _, postgres) = await GroupWithThreeRulesAsync();
        var before = StoredRules(group.Id).Select(r => (r.Id, r.PortRangeMin)).ToList();
        var revision = host.Revision(group.Id);
        var auditBefore = host.AuditCount();

        var refusal = await Assert.ThrowsAsync<RuleChangeSetException>(() => Service.ApplyRuleChangeSetAsync(host.MemberA, group.Id, new RuleChangeSet
        {
            Added = [Rule(group.Id, "udp", 53, "10.0.0.0/8"), Rule(group.Id, "tcp", 80, "10.0.0.0/33")],
            Changed = [new RuleChange(ssh.Id, Rule(group.Id, "tcp", 2222, "10.0.0.0/8"), ssh.RevisionNumber)],
            Removed = [new RuleRemoval(postgres.Id, postgres.RevisionNumber)],
        }));

        Assert.Equal(RuleChangeSetPart.Added, refusal.Part);
        Assert.Equal(1, refusal.Index);
        Assert.Equal("remote_ip_prefix", refusal.Error.Field);
        Assert.Equal(before, StoredRules(group.Id).Select(r => (r.Id, r.PortRangeMin)).ToList());
        Assert.Equal(revision, host.Revision(group.Id));
        Assert.Equal(auditBefore, host.AuditCount());
    }

    [Fact]
    public async Task A_bad_changed_row_is_named_by_its_rule_id()
    {
        var (group, ssh, https, _) = await GroupWithThreeRulesAsync();

        var refusal = await Assert.ThrowsAsync<RuleChangeSetException>(() => Service.ApplyRuleChangeSetAsync(host.MemberA, group.Id, new RuleChangeSet
        {
            Changed =
            [
                new RuleChange(ssh.Id, Rule(group.Id, "tcp", 2222, "10.0.0.0/8"), ssh.RevisionNumber),
                new RuleChange(https.Id, Rule(group.Id, "tcp", 70000, "0.0.0.0/0"), https.RevisionNumber),
            ],
        }));

        Assert.Equal(RuleChangeSetPart.Changed, refusal.Part);
        Assert.Equal(1, refusal.Index);
        Assert.Equal(https.Id, refusal.RuleId);
        Assert.Equal(NeutronErrorTypes.SecurityGroupInvalidPortValue, refusal.Error.Type);
        Assert.Contains(StoredRules(group.Id), r => r.Id == ssh.Id && r.PortRangeMin == 22);
    }

    [Fact]
    public async Task A_rule_edited_or_deleted_meanwhile_is_a_conflict_naming_it_and_nothing_is_written()
    {
        var (group, ssh, https, postgres) = await GroupWithThreeRulesAsync();
        // Someone else edits the SSH rule (a replace: it gets a new id) and deletes the PostgreSQL rule.
        await Service.ReplaceRuleAsync(host.AdminA, ssh.Id, Rule(group.Id, "tcp", 22, "10.2.0.0/16"));
        var auditBefore = host.AuditCount();

        var edited = await Assert.ThrowsAsync<RuleChangeSetException>(() => Service.ApplyRuleChangeSetAsync(host.MemberA, group.Id, new RuleChangeSet
        {
            Added = [Rule(group.Id, "udp", 53, "10.0.0.0/8")],
            Changed = [new RuleChange(ssh.Id, Rule(group.Id, "tcp", 2222, "10.0.0.0/8"), ssh.RevisionNumber)],
        }));
        Assert.True(edited.IsConflict);
        Assert.Equal(ssh.Id, edited.RuleId);
        Assert.Equal(NeutronErrorTypes.SecurityGroupRuleNotFound, edited.Error.Type);
        Assert.Contains(ssh.Id, edited.Error.Message);

        await Service.DeleteRuleAsync(host.AdminA, postgres.Id);
        auditBefore = host.AuditCount();
        var deleted = await Assert.ThrowsAsync<RuleChangeSetException>(() => Service.ApplyRuleChangeSetAsync(host.MemberA, group.Id, new RuleChangeSet
        {
            Removed = [new RuleRemoval(https.Id, https.RevisionNumber), new RuleRemoval(postgres.Id, postgres.RevisionNumber)],
        }));
        Assert.Equal(RuleChangeSetPart.Removed, deleted.Part);
        Assert.Equal(1, deleted.Index);
        Assert.Equal(postgres.Id, deleted.RuleId);
        Assert.Contains(StoredRules(group.Id), r => r.Id == https.Id);
        Assert.DoesNotContain(StoredRules(group.Id), r => r.PortRangeMin == 53);
        Assert.Equal(auditBefore, host.AuditCount());
    }

    [Fact]
    public async Task A_rule_at_another_revision_is_a_412_conflict()
    {
        var (group, ssh, _, _) = await GroupWithThreeRulesAsync();

        var refusal = await Assert.ThrowsAsync<RuleChangeSetException>(() => Service.ApplyRuleChangeSetAsync(host.MemberA, group.Id, new RuleChangeSet
        {
            Removed = [new RuleRemoval(ssh.Id, ssh.RevisionNumber + 1)],
        }));

        Assert.True(refusal.IsConflict);
        Assert.Equal(412, refusal.Error.Status);
        Assert.Equal(ssh.Id, refusal.RuleId);
        Assert.Contains(StoredRules(group.Id), r => r.Id == ssh.Id);
    }

    [Fact]
    public async Task Duplicates_within_the_draft_and_against_rules_that_stay_are_refused_but_a_swap_is_not()
    {
        var (group, ssh, https, postgres) = await GroupWithThreeRulesAsync();

        var inDraft = await Assert.ThrowsAsync<RuleChangeSetException>(() => Service.ApplyRuleChangeSetAsync(host.MemberA, group.Id, new RuleChangeSet
        {
            Added = [Rule(group.Id, "udp", 53, "10.0.0.0/8")],
            Changed = [new RuleChange(ssh.Id, Rule(group.Id, "udp", 53, "10.0.0.0/8", description: "same rule"), ssh.RevisionNumber)],
        }));
        Assert.Equal(NeutronErrorTypes.DuplicateSecurityGroupRuleInPost, inDraft.Error.Type);
        Assert.Equal(RuleChangeSetPart.Changed, inDraft.Part);
        Assert.Equal(0, inDraft.Index);

        var againstStored = await Assert.ThrowsAsync<RuleChangeSetException>(() => Service.ApplyRuleChangeSetAsync(host.MemberA, group.Id, new RuleChangeSet
        {
            Added = [Rule(group.Id, "udp", 53, "10.0.0.0/8"), Rule(group.Id, "tcp", 443, "0.0.0.0/0")],
        }));
        Assert.Equal(NeutronErrorTypes.SecurityGroupRuleExists, againstStored.Error.Type);
        Assert.Equal(1, againstStored.Index);
        Assert.Equal(https.Id, againstStored.Error.ExistingRuleId);
        Assert.Equal(3, host.RuleCount(group.Id));

        // The PostgreSQL rule takes the SSH rule's values while the SSH rule goes: no rule of the group stays alike.
        await Service.ApplyRuleChangeSetAsync(host.MemberA, group.Id, new RuleChangeSet
        {
            Changed = [new RuleChange(postgres.Id, Rule(group.Id, "tcp", 22, "10.0.0.0/8"), postgres.RevisionNumber)],
            Removed = [new RuleRemoval(ssh.Id, ssh.RevisionNumber)],
        });
        Assert.Equal([22, 443], StoredRules(group.Id).Select(r => r.PortRangeMin!.Value));
    }

    [Fact]
    public async Task The_rule_quota_is_charged_the_net_growth()
    {
        var (group, ssh, _, _) = await GroupWithThreeRulesAsync();
        await host.SetQuotaAsync(host.TenantA, null, host.RuleCount() + 1);

        await AssertFails(() => Service.ApplyRuleChangeSetAsync(host.MemberA, group.Id, new RuleChangeSet
        {
            Added = [Rule(group.Id, "udp", 53, "10.0.0.0/8"), Rule(group.Id, "udp", 123, "10.0.0.0/8")],
        }), 409, NeutronErrorTypes.OverQuota);
        Assert.Equal(3, host.RuleCount(group.Id));

        // Two added, one removed: one more rule, within the quota.
        await Service.ApplyRuleChangeSetAsync(host.MemberA, group.Id, new RuleChangeSet
        {
            Added = [Rule(group.Id, "udp", 53, "10.0.0.0/8"), Rule(group.Id, "udp", 123, "10.0.0.0/8")],
            Removed = [new RuleRemoval(ssh.Id, ssh.RevisionNumber)],
        });
        Assert.Equal(4, host.RuleCount(group.Id));
    }

    [Fact]
    public async Task A_reader_is_refused_and_another_tenant_does_not_find_the_group()
    {
        var (group, ssh, _, _) = await GroupWithThreeRulesAsync();
        var changes = new RuleChangeSet
        {
            Added = [Rule(group.Id, "udp", 53, "10.0.0.0/8")],
            Removed = [new RuleRemoval(ssh.Id, ssh.RevisionNumber)],
        };

        await AssertFails(() => Service.ApplyRuleChangeSetAsync(host.ReaderA, group.Id, changes), 403, NeutronErrorTypes.PolicyNotAuthorized);
        await AssertFails(() => Service.ApplyRuleChangeSetAsync(host.MemberB, group.Id, changes), 404, NeutronErrorTypes.SecurityGroupNotFound);
        Assert.Equal(3, host.RuleCount(group.Id));
        Assert.Contains(StoredRules(group.Id), r => r.Id == ssh.Id);
    }

    [Fact]
    public async Task A_rule_of_another_group_cannot_be_changed_through_this_one()
    {
        var (group, _, _, _) = await GroupWithThreeRulesAsync();
        var other = await host.NewGroupAsync(name: "other", startEmpty: true);
        var elsewhere = await Service.CreateRuleAsync(host.MemberA, Rule(other.Id, "tcp", 22, "10.0.0.0/8"));

        var refusal = await Assert.ThrowsAsync<RuleChangeSetException>(() => Service.ApplyRuleChangeSetAsync(host.MemberA, group.Id, new RuleChangeSet
        {
            Removed = [new RuleRemoval(elsewhere.Id, elsewhere.RevisionNumber)],
        }));

        Assert.Equal(NeutronErrorTypes.SecurityGroupRuleNotFound, refusal.Error.Type);
        Assert.Equal(1, host.RuleCount(other.Id));
    }
}
