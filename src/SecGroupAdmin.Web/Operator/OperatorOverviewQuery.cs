using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Quotas;

namespace SecGroupAdmin.Web.Operator;

/// <summary>Reads the operator overview; CloudAdmins and Auditors only (others get PolicyNotAuthorized).</summary>
public sealed class OperatorOverviewQuery(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int Days = 30;

    public static bool CanView(Caller caller) => caller.IsCloudAdmin || caller.IsAuditor;

    public async Task<OperatorOverview> GetAsync(Caller caller, int days = Days, CancellationToken ct = default)
    {
        if (!CanView(caller))
        {
            throw new NeutronException(NeutronErrors.PolicyNotAuthorized("get_operator_overview"));
        }
        days = Math.Clamp(days, 1, 366);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var tenants = await db.Tenants.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new
            {
                t.Id,
                t.Name,
                t.SecurityGroupQuota,
                t.SecurityGroupRuleQuota,
                Groups = db.SecurityGroups.Count(g => g.TenantId == t.Id),
                // Rules in the tenant's groups (what it exposes), and rules whose own project it is (what the quota counts).
                Rules = db.SecurityGroupRules.Count(r => r.SecurityGroup!.TenantId == t.Id),
                QuotaRules = db.SecurityGroupRules.Count(r => r.TenantId == t.Id),
                Ports = db.Ports.Count(p => p.TenantId == t.Id),
            })
            .ToListAsync(ct);

        // Candidates, narrowed in SQL: ingress with no remote group, from nowhere in particular or from a /0 (host bits
        // or not: the normalized CIDR is then 0.0.0.0/0 or ::/0). RuleExposure decides, here.
        var candidates = await db.SecurityGroupRules.AsNoTracking()
            .Where(r => r.Direction == Directions.Ingress && r.RemoteGroupId == null && r.RemoteAddressGroupId == null &&
                        (r.RemoteIpPrefix == null || r.RemoteIpPrefix == "" || r.NormalizedCidr == "0.0.0.0/0" || r.NormalizedCidr == "::/0" ||
                         r.RemoteIpPrefix == "0.0.0.0/0" || r.RemoteIpPrefix == "::/0"))
            .Select(r => new { Rule = r, GroupTenant = r.SecurityGroup!.TenantId, GroupName = r.SecurityGroup!.Name })
            .ToListAsync(ct);
        var names = tenants.ToDictionary(t => t.Id, t => t.Name);
        var risky = new List<RiskyRule>();
        foreach (var c in candidates)
        {
            if (RuleExposure.Of(c.Rule.ToNormalized()).Text is { } reason)
            {
                risky.Add(new RiskyRule(c.Rule.Id, c.GroupTenant, names.GetValueOrDefault(c.GroupTenant, c.GroupTenant),
                    c.Rule.SecurityGroupId, c.GroupName, RuleText.Describe(c.Rule.ToNormalized()), reason));
            }
        }
        var riskyByTenant = risky.GroupBy(r => r.TenantId).ToDictionary(g => g.Key, g => g.Count());

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = today.AddDays(-(days - 1));
        var since = first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var stamps = await db.AuditEntries.AsNoTracking().Where(a => a.At >= since)
            .Select(a => new { a.At, a.TenantId }).ToListAsync(ct);
        var dayList = Enumerable.Range(0, days).Select(first.AddDays).ToList();
        var total = new int[days];
        var byTenant = new Dictionary<string, int[]>();
        foreach (var s in stamps)
        {
            var i = DateOnly.FromDateTime(s.At).DayNumber - first.DayNumber;
            if (i is < 0 || i >= days)
            {
                continue;
            }
            total[i]++;
            if (!byTenant.TryGetValue(s.TenantId, out var series))
            {
                byTenant[s.TenantId] = series = new int[days];
            }
            series[i]++;
        }

        var rows = tenants.Select(t => new TenantFootprint(
                t.Id, t.Name, t.Groups, t.Rules, t.Ports,
                new QuotaSet(t.SecurityGroupQuota, t.SecurityGroupRuleQuota),
                new QuotaSet(t.Groups, t.QuotaRules),
                riskyByTenant.GetValueOrDefault(t.Id),
                byTenant.TryGetValue(t.Id, out var c) ? c.Sum() : 0))
            .ToList();
        var order = rows.ToDictionary(r => r.Id, r => r.RiskyRules);
        var riskyList = risky.OrderByDescending(r => order.GetValueOrDefault(r.TenantId)).ThenBy(r => r.TenantName)
            .ThenBy(r => r.GroupName).ThenBy(r => r.Text).Take(50).ToList();
        return new OperatorOverview(rows, dayList, total, byTenant, riskyList);
    }
}
