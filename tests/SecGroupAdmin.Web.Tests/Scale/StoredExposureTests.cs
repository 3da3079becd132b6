using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.SecurityGroups;
using SecGroupAdmin.Web.Tests.Services;

namespace SecGroupAdmin.Web.Tests.Scale;

/// <summary>
/// The exposure verdict stored on each rule (SecurityGroupRule.Exposure): written by the one write path for created,
/// replaced and template rules, always <see cref="RuleExposure"/>'s answer, and filled for old rows by the backfill.
/// </summary>
public sealed class StoredExposureTests : IDisposable
{
    private readonly ServiceTestHost host = new();

    public void Dispose() => host.Dispose();

    [Fact]
    public async Task Created_replaced_and_template_rules_store_the_domain_verdict()
    {
        var defaultGroup = await host.Service.EnsureDefaultGroupAsync(host.MemberA, host.TenantA);
        var web = await host.NewGroupAsync(host.MemberA, "web");
        var ssh = await host.Service.CreateRuleAsync(host.MemberA, ServiceTestHost.Rule(web.Id, "tcp", 22, "0.0.0.0/0"));
        var https = await host.Service.CreateRuleAsync(host.MemberA, ServiceTestHost.Rule(web.Id, "tcp", 443, null));
        var udp = await host.Service.CreateRuleAsync(host.MemberA, ServiceTestHost.Rule(web.Id, "udp", null, "10.1.2.3/0"));
        var anyV6 = await host.Service.CreateRuleAsync(host.MemberA, ServiceTestHost.Rule(web.Id, null, null, "::/0", ethertype: "IPv6"));
        var fromGroup = await host.Service.CreateRuleAsync(host.MemberA, ServiceTestHost.Rule(web.Id, "tcp", 3306, null, remoteGroupId: web.Id));
        var replaced = await host.Service.ReplaceRuleAsync(host.MemberA, https.Id, ServiceTestHost.Rule(web.Id, "tcp", 3389, "0.0.0.0/0"));
        var cloned = await host.Service.CloneGroupAsync(host.MemberA, web.Id, "web-copy");

        await using var db = host.NewDb();
        var stored = await db.SecurityGroupRules.AsNoTracking().ToListAsync();
        ExposureReason? Of(string id) => stored.Single(r => r.Id == id).Exposure;
        Assert.Equal(ExposureReason.SensitivePort, Of(ssh.Id));
        Assert.Equal(ExposureReason.AllPorts, Of(udp.Id));
        Assert.Equal(ExposureReason.AllProtocols, Of(anyV6.Id));
        Assert.Equal(ExposureReason.None, Of(fromGroup.Id));
        Assert.Equal(ExposureReason.SensitivePort, Of(replaced.Id));
        // Template rules: the default group's 4 and every new group's 2 egress rules.
        Assert.All(stored.Where(r => r.SecurityGroupId == defaultGroup), r => Assert.Equal(ExposureReason.None, r.Exposure));
        Assert.Equal(4, stored.Count(r => r.SecurityGroupId == defaultGroup));
        Assert.Equal(2, stored.Count(r => r.SecurityGroupId == web.Id && r.Direction == Directions.Egress));
        // ssh, udp, anyV6 and the replacement 3389 are copied, with their verdicts.
        Assert.Equal(4, stored.Count(r => r.SecurityGroupId == cloned.Id && r.Exposure > ExposureReason.None));
        // Every row, whichever path wrote it, holds exactly what the Domain says.
        Assert.All(stored, r => Assert.Equal(RuleExposure.Of(r.ToNormalized()).Reason, r.Exposure));
    }

    [Fact]
    public async Task The_backfill_fills_rows_without_a_verdict_in_batches_and_is_idempotent()
    {
        var web = await host.NewGroupAsync(host.MemberA, "web");
        await host.Service.CreateRuleAsync(host.MemberA, ServiceTestHost.Rule(web.Id, "tcp", 22, "0.0.0.0/0"));
        await host.Service.CreateRuleAsync(host.MemberA, ServiceTestHost.Rule(web.Id, "tcp", 8080, null));
        // Rows as an older version wrote them: no verdict. More than one batch, a mix of verdicts.
        var now = DateTime.UtcNow;
        await using (var db = host.NewDb())
        {
            var old = Enumerable.Range(1, RuleExposureBackfill.BatchSize + 300).Select(port =>
            {
                var prefix = port % 3 == 0 ? "0.0.0.0/0" : port % 3 == 1 ? "192.0.2.0/24" : null;
                var normalized = new NormalizedRule(web.Id, Directions.Ingress, Ethertypes.IPv4, "tcp", port, port, prefix, prefix, null, null, "");
                return new SecurityGroupRule
                {
                    Id = SecurityGroupRule.NewId(),
                    SecurityGroupId = web.Id,
                    TenantId = host.TenantA,
                    Protocol = "tcp",
                    PortRangeMin = port,
                    PortRangeMax = port,
                    RemoteIpPrefix = prefix,
                    NormalizedCidr = prefix,
                    Description = "",
                    DuplicateKey = RuleKey.For(normalized).ToStorageString(),
                    Exposure = null,
                    CreatedAt = now,
                    UpdatedAt = now,
                };
            });
            db.SecurityGroupRules.AddRange(old);
            await db.SaveChangesAsync();
            // And the service's own rows forgotten too.
            await db.SecurityGroupRules.ExecuteUpdateAsync(s => s.SetProperty(r => r.Exposure, (ExposureReason?)null));
        }
        var total = host.RuleCount();

        Assert.Equal(total, await RuleExposureBackfill.RunAsync(host.DbFactory));
        Assert.Equal(0, await RuleExposureBackfill.RunAsync(host.DbFactory));

        await using var check = host.NewDb();
        var rules = await check.SecurityGroupRules.AsNoTracking().ToListAsync();
        Assert.All(rules, r => Assert.Equal(RuleExposure.Of(r.ToNormalized()).Reason, r.Exposure));
        // 1433 with no prefix (1433 % 3 == 2) is exposed; 22 from a /24 (22 % 3 == 1) is not; the service's 22/tcp is.
        Assert.Contains(rules, r => r.PortRangeMin == 1433 && r.Exposure == ExposureReason.SensitivePort);
        Assert.Contains(rules, r => r.PortRangeMin == 22 && r.RemoteIpPrefix == "192.0.2.0/24" && r.Exposure == ExposureReason.None);
        Assert.Equal(1, rules.Count(r => r.PortRangeMin == 22 && r.Exposure == ExposureReason.SensitivePort));
    }
}
