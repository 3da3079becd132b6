using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SecGroupAdmin.Data.Tags;
using SecGroupAdmin.Web.Tags;

namespace SecGroupAdmin.Web.Tests.Services;

/// <summary>
/// <c>HasTags</c> on groups and rules says whether tag rows exist, so reads skip the tag query for untagged rows: the
/// tag service keeps it with the rows (set by the first tag, cleared by removing the last), and the migration that
/// adds it fills it for tags written before it.
/// </summary>
public abstract class TagFlagTests(ServiceTestHost host) : IDisposable
{
    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    private (bool Group, bool Rule) Flags(string groupId, string ruleId)
    {
        using var db = host.NewDb();
        return (db.SecurityGroups.Single(g => g.Id == groupId).HasTags, db.SecurityGroupRules.Single(r => r.Id == ruleId).HasTags);
    }

    [Fact]
    public async Task The_tag_service_sets_the_flag_with_the_first_tag_and_clears_it_with_the_last()
    {
        var group = await host.NewGroupAsync();
        var rule = group.Rules[0];
        var other = await host.NewGroupAsync(name: "other");
        Assert.Equal((false, false), Flags(group.Id, rule.Id));

        await host.Tags.AddAsync(host.MemberA, TaggedKind.SecurityGroup, group.Id, "prod");
        Assert.Equal((true, false), Flags(group.Id, rule.Id));
        await host.Tags.ReplaceAsync(host.MemberA, TaggedKind.SecurityGroupRule, rule.Id, ["web", "ssh"]);
        Assert.Equal((true, true), Flags(group.Id, rule.Id));

        await host.Tags.RemoveAsync(host.MemberA, TaggedKind.SecurityGroupRule, rule.Id, "web");
        Assert.Equal((true, true), Flags(group.Id, rule.Id)); // "ssh" is still there
        await host.Tags.RemoveAsync(host.MemberA, TaggedKind.SecurityGroupRule, rule.Id, "ssh");
        await host.Tags.RemoveAllAsync(host.MemberA, TaggedKind.SecurityGroup, group.Id);
        Assert.Equal((false, false), Flags(group.Id, rule.Id));

        // A refused change (51 tags) leaves the flag as the rows are.
        await Assert.ThrowsAnyAsync<Exception>(() =>
            host.Tags.ReplaceAsync(host.MemberA, TaggedKind.SecurityGroup, other.Id, Enumerable.Range(0, 51).Select(i => $"t{i}")));
        Assert.Equal((false, false), Flags(other.Id, other.Rules[0].Id));
    }

    [Fact]
    public async Task An_edited_rule_keeps_its_tags()
    {
        var group = await host.NewGroupAsync(startEmpty: true);
        var rule = await host.Service.CreateRuleAsync(host.MemberA, ServiceTestHost.Rule(group.Id, port: 22));
        await host.Tags.ReplaceAsync(host.MemberA, TaggedKind.SecurityGroupRule, rule.Id, ["ssh", "ops"]);

        var edited = await host.Service.ReplaceRuleAsync(host.MemberA, rule.Id, ServiceTestHost.Rule(group.Id, port: 2222));

        Assert.Equal(["ops", "ssh"], await host.Tags.GetAsync(host.MemberA, TaggedKind.SecurityGroupRule, edited.Id));
        Assert.Equal((false, true), Flags(group.Id, edited.Id));
        await using var db = host.NewDb();
        Assert.False(await db.SecurityGroupRuleTags.AnyAsync(t => t.SecurityGroupRuleId == rule.Id));
    }

    [Fact]
    public async Task The_migration_fills_the_flag_for_tags_written_before_it()
    {
        var tagged = await host.NewGroupAsync(name: "tagged");
        var plain = await host.NewGroupAsync(name: "plain");
        await using (var db = host.NewDb())
        {
            // Rows as a database written before the flag holds them: tags, flags unset.
            db.SecurityGroupTags.Add(new SecurityGroupTag { SecurityGroupId = tagged.Id, Tag = "prod" });
            db.SecurityGroupRuleTags.Add(new SecurityGroupRuleTag { SecurityGroupRuleId = tagged.Rules[1].Id, Tag = "web" });
            await db.SaveChangesAsync();
            var migrations = db.Database.GetMigrations().ToList();
            var flags = migrations.FindIndex(m => m.EndsWith("_TagFlags", StringComparison.Ordinal));
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[flags - 1]);
            await migrator.MigrateAsync(migrations[^1]);
        }

        Assert.Equal((true, false), Flags(tagged.Id, tagged.Rules[0].Id));
        Assert.Equal((true, true), Flags(tagged.Id, tagged.Rules[1].Id));
        Assert.Equal((false, false), Flags(plain.Id, plain.Rules[0].Id));
        // And the reads show them.
        var shown = await host.Service.FindGroupAsync(host.MemberA, tagged.Id, withRules: true);
        await host.Tags.FillAsync(shown);
        Assert.Equal(["prod"], shown.Tags);
        Assert.Equal(["web"], shown.Rules.Single(r => r.Id == tagged.Rules[1].Id).Tags);
        Assert.Empty(shown.Rules.Single(r => r.Id == tagged.Rules[0].Id).Tags);
    }
}

public sealed class TagFlagTestsOnSqlite() : TagFlagTests(new ServiceTestHost(Web.Hosting.DatabaseProvider.Sqlite));

public sealed class TagFlagTestsOnPostgreSql() : TagFlagTests(new ServiceTestHost(Web.Hosting.DatabaseProvider.PostgreSql));
