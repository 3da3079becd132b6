using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Quotas;

namespace SecGroupAdmin.Web.Operator;

/// <summary>
/// Reads the operator overview; CloudAdmins and Auditors only (others get PolicyNotAuthorized). Every figure is a
/// SQL aggregate (COUNT, GROUP BY) and every list a page: nothing proportional to the cloud's size is loaded. The
/// exposed rules are found by the verdict stored on each rule (<see cref="Data.SecurityGroups.SecurityGroupRule.Exposure"/>,
/// decided by <see cref="RuleExposure"/> when the rule is written) through its index.
/// The cards, chart and exposed rules are read at most once per <see cref="FreshFor"/> on each instance and shared by
/// every operator who opens the page meanwhile (the page says as of when, and its Refresh reads them again): at a
/// million rules and audit entries they cost a few hundred milliseconds of aggregation, which a page that several
/// operators keep open and reload should not pay on every load, nor twice (prerender, then circuit) on one.
/// </summary>
public sealed class OperatorOverviewQuery(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>How long the cards, chart and exposed rules are shared before they are read again.</summary>
    public static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(30);
    private readonly Lock gate = new();
    /// <summary>The last read per period (days, first day) and when it stops being shared.</summary>
    private readonly Dictionary<(int Days, DateOnly First), (Task<OperatorOverview> Read, DateTimeOffset Until)> shared = [];

    public const int Days = 30;
    /// <summary>How many tenants the chart shows by name; the others are summed as "other tenants".</summary>
    public const int ChartTenants = 5;
    /// <summary>How many exposed rules the overview lists.</summary>
    public const int RiskyListSize = 50;
    public const int MaxPageSize = 100;
    /// <summary>How many port names each exposed rule shows.</summary>
    public const int PortNamesPerRule = 3;
    /// <summary>How many ports of each kind (port security off; exposed by rules) the exposure per port lists.</summary>
    public const int ExposedPortsListSize = 20;

    public static bool CanView(Caller caller) => caller.IsCloudAdmin || caller.IsAuditor;

    /// <summary>
    /// The cards, the chart and the exposed rules: as read within the last <see cref="FreshFor"/> (one read at a time,
    /// shared by concurrent callers), or read now when <paramref name="fresh"/>.
    /// </summary>
    public async Task<OperatorOverview> GetAsync(Caller caller, int days = Days, bool fresh = false, CancellationToken ct = default)
    {
        Authorize(caller);
        days = Math.Clamp(days, 1, 366);
        var key = (days, Period(days).First);
        var now = clock.GetUtcNow();
        Task<OperatorOverview> read;
        lock (gate)
        {
            if (fresh || !shared.TryGetValue(key, out var last) || last.Until <= now || last.Read.IsFaulted || last.Read.IsCanceled)
            {
                // Not the caller's token: the read is shared, and one caller leaving must not cancel it for the others.
                read = Task.Run(() => ReadAsync(days, CancellationToken.None), CancellationToken.None);
                // Older periods (yesterday's key) are dropped: at most one entry per period length is kept.
                foreach (var old in shared.Keys.Where(k => k.Days == days && k != key).ToList())
                {
                    shared.Remove(old);
                }
                shared[key] = (read, now + FreshFor);
            }
            else
            {
                read = last.Read;
            }
        }
        return await read.WaitAsync(ct);
    }

    private async Task<OperatorOverview> ReadAsync(int days, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var tenantCount = await db.Tenants.CountAsync(ct);
        var groups = await db.SecurityGroups.CountAsync(ct);
        var rules = await db.SecurityGroupRules.CountAsync(ct);
        var ports = await db.Ports.CountAsync(ct);
        var riskyByTenant = await RiskyByTenant(db).ToListAsync(ct);

        var (first, since) = Period(days);
        var dayList = Enumerable.Range(0, days).Select(first.AddDays).ToList();
        var perDay = await ChangesPerDay(db, since).ToListAsync(ct);
        var busiest = await ChangesByTenant(db, since)
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key)
            .Take(ChartTenants)
            .ToListAsync(ct);
        var busiestIds = busiest.Select(b => b.Key).ToList();
        var busiestPerDay = await db.AuditEntries.Where(a => a.At >= since && busiestIds.Contains(a.TenantId))
            .GroupBy(a => new { a.TenantId, Day = a.At.Date })
            .Select(g => new { g.Key.TenantId, g.Key.Day, Count = g.Count() })
            .ToListAsync(ct);
        var busiestNames = await db.Tenants.Where(t => busiestIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);

        int[] Series(IEnumerable<(DateTime Day, int Count)> counts)
        {
            var series = new int[days];
            foreach (var (day, count) in counts)
            {
                var i = DateOnly.FromDateTime(day).DayNumber - first.DayNumber;
                if (i >= 0 && i < days)
                {
                    series[i] += count;
                }
            }
            return series;
        }
        var chart = busiest.Select(b => new TenantChanges(b.Key, busiestNames.GetValueOrDefault(b.Key),
                Series(busiestPerDay.Where(d => d.TenantId == b.Key).Select(d => (d.Day, d.Count)))))
            .ToList();

        var riskyList = await RiskyRulesAsync(db, riskyByTenant.Select(r => (r.Key, r.Count)), ct);
        var exposure = await ExposurePerPortAsync(db, riskyList, ct);
        return new OperatorOverview(tenantCount, groups, rules, ports, riskyByTenant.Sum(r => r.Count), dayList,
            Series(perDay.Select(d => (d.Day, d.Count))), chart, exposure.Rules, clock.GetUtcNow())
        {
            ExposedPorts = exposure.Ports,
            PortSecurityOffCount = exposure.PortSecurityOff,
            PortsOfExposedGroups = exposure.PortsOfGroups,
        };
    }

    /// <summary>
    /// One page of the tenants table: tenants whose name contains <paramref name="search"/> (case-insensitive),
    /// sorted in SQL (ties by name), each with its counts; only the page's tenants are counted unless the sort needs
    /// every tenant's figure.
    /// </summary>
    public async Task<TenantFootprintPage> ListTenantsAsync(Caller caller, string? search, TenantSort sort, bool descending,
        int skip, int take, int days = Days, CancellationToken ct = default)
    {
        Authorize(caller);
        take = Math.Clamp(take, 1, MaxPageSize);
        skip = Math.Max(0, skip);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (_, since) = Period(Math.Clamp(days, 1, 366));

        var tenants = db.Tenants.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var lower = search.Trim().ToLowerInvariant();
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() and Contains(string) translate to SQL; the overloads the analyzers ask for do not.
            tenants = tenants.Where(t => t.Name.ToLower().Contains(lower));
#pragma warning restore CA1304, CA1311, CA1862
        }
        var total = await tenants.CountAsync(ct);
        var rows = tenants.Select(t => new
        {
            t.Id,
            t.Name,
            t.SecurityGroupQuota,
            t.SecurityGroupRuleQuota,
            Groups = db.SecurityGroups.Count(g => g.TenantId == t.Id),
            // Rules in the tenant's groups (what it exposes), and rules whose own project it is (what the quota counts).
            Rules = db.SecurityGroupRules.Count(r => r.GroupTenantId == t.Id),
            QuotaRules = db.SecurityGroupRules.Count(r => r.TenantId == t.Id),
            Ports = db.Ports.Count(p => p.TenantId == t.Id),
            Risky = db.SecurityGroupRules.Count(r => r.GroupTenantId == t.Id && r.Exposure > ExposureReason.None),
            Changes = db.AuditEntries.Count(a => a.TenantId == t.Id && a.At >= since),
        });
        rows = (sort, descending) switch
        {
            (TenantSort.Groups, false) => rows.OrderBy(t => t.Groups).ThenBy(t => t.Name),
            (TenantSort.Groups, true) => rows.OrderByDescending(t => t.Groups).ThenBy(t => t.Name),
            (TenantSort.Rules, false) => rows.OrderBy(t => t.Rules).ThenBy(t => t.Name),
            (TenantSort.Rules, true) => rows.OrderByDescending(t => t.Rules).ThenBy(t => t.Name),
            (TenantSort.Ports, false) => rows.OrderBy(t => t.Ports).ThenBy(t => t.Name),
            (TenantSort.Ports, true) => rows.OrderByDescending(t => t.Ports).ThenBy(t => t.Name),
            (TenantSort.Risky, false) => rows.OrderBy(t => t.Risky).ThenBy(t => t.Name),
            (TenantSort.Risky, true) => rows.OrderByDescending(t => t.Risky).ThenBy(t => t.Name),
            (TenantSort.Changes, false) => rows.OrderBy(t => t.Changes).ThenBy(t => t.Name),
            (TenantSort.Changes, true) => rows.OrderByDescending(t => t.Changes).ThenBy(t => t.Name),
            (_, true) => rows.OrderByDescending(t => t.Name).ThenBy(t => t.Id),
            _ => rows.OrderBy(t => t.Name).ThenBy(t => t.Id),
        };
        var page = await rows.Skip(skip).Take(take).ToListAsync(ct);
        return new TenantFootprintPage(
            [.. page.Select(t => new TenantFootprint(t.Id, t.Name, t.Groups, t.Rules, t.Ports,
                new QuotaSet(t.SecurityGroupQuota, t.SecurityGroupRuleQuota), new QuotaSet(t.Groups, t.QuotaRules),
                t.Risky, t.Changes))],
            total);
    }

    /// <summary>
    /// The first <see cref="RiskyListSize"/> exposed rules, riskiest tenants first (then group name, then age): each
    /// tenant's rules are read by a seek on the stored verdict, only as many as the list still needs.
    /// </summary>
    private static async Task<List<RiskyRule>> RiskyRulesAsync(AppDbContext db, IEnumerable<(string TenantId, int Count)> riskyByTenant, CancellationToken ct)
    {
        var ranked = riskyByTenant.ToList();
        var names = await db.Tenants.Where(t => ranked.Select(r => r.TenantId).Contains(t.Id))
            .Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var list = new List<RiskyRule>();
        foreach (var (tenantId, _) in ranked.OrderByDescending(r => r.Count)
                     .ThenBy(r => names.GetValueOrDefault(r.TenantId, r.TenantId), StringComparer.Ordinal))
        {
            if (list.Count >= RiskyListSize)
            {
                break;
            }
            var rules = await RiskyRulesOf(db, tenantId, RiskyListSize - list.Count).ToListAsync(ct);
            var tenantName = names.GetValueOrDefault(tenantId, tenantId);
            list.AddRange(rules.Select(c => new RiskyRule(c.Rule.Id, tenantId, tenantName, c.Rule.SecurityGroupId, c.GroupName,
                RuleText.Describe(c.Rule.ToNormalized()),
                RuleExposure.Of(c.Rule.ToNormalized()).Text ?? "")));
        }
        return list;
    }

    /// <summary>
    /// Exposure per port, as the analysis reads it (a port allows the union of its groups' rules; port security off
    /// allows everything): each listed rule exposes the ports of its group that have port security on (count and first
    /// names); ports with port security off are fully exposed. Bounded by the list: only the groups of the listed rules
    /// (at most <see cref="RiskyListSize"/>) are read, at most <see cref="ExposedPortsListSize"/> ports of each kind.
    /// </summary>
    private static async Task<(List<RiskyRule> Rules, List<ExposedPort> Ports, int PortSecurityOff, int PortsOfGroups)> ExposurePerPortAsync(
        AppDbContext db, List<RiskyRule> risky, CancellationToken ct)
    {
        var groupIds = risky.Select(r => r.GroupId).Distinct(StringComparer.Ordinal).ToList();
        var guarded = db.Ports.AsNoTracking().Where(p => p.PortSecurityEnabled);
        var counts = groupIds.Count == 0
            ? []
            : await guarded.SelectMany(p => p.SecurityGroups.Where(g => groupIds.Contains(g.Id)).Select(g => g.Id))
                .GroupBy(id => id).Select(g => new { g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, ct);
        var firstNames = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var groupId in groupIds.Where(counts.ContainsKey))
        {
            firstNames[groupId] = await guarded.Where(p => p.SecurityGroups.Any(g => g.Id == groupId))
                .OrderBy(p => p.Name).ThenBy(p => p.Id).Take(PortNamesPerRule)
                .Select(p => p.Name == "" ? p.Id : p.Name).ToListAsync(ct);
        }
        var rules = risky.Select(r => r with
        {
            PortCount = counts.GetValueOrDefault(r.GroupId),
            FirstPorts = firstNames.GetValueOrDefault(r.GroupId) ?? [],
        }).ToList();

        var open = db.Ports.AsNoTracking().Where(p => !p.PortSecurityEnabled);
        var openCount = await open.CountAsync(ct);
        var openPorts = await open.OrderBy(p => p.Name).ThenBy(p => p.Id).Take(ExposedPortsListSize)
            .Select(p => new { p.Id, p.Name, p.TenantId, Exposed = 0 }).ToListAsync(ct);
        var ofGroups = guarded.Where(p => p.SecurityGroups.Any(g => groupIds.Contains(g.Id)));
        var ofGroupsCount = groupIds.Count == 0 ? 0 : await ofGroups.CountAsync(ct);
        var byRules = groupIds.Count == 0
            ? []
            : await ofGroups
                .Select(p => new
                {
                    p.Id,
                    p.Name,
                    p.TenantId,
                    Exposed = p.SecurityGroups.SelectMany(g => g.Rules).Count(r => r.Exposure > ExposureReason.None),
                })
                .OrderByDescending(p => p.Exposed).ThenBy(p => p.Name).ThenBy(p => p.Id).Take(ExposedPortsListSize).ToListAsync(ct);
        var tenantIds = openPorts.Select(p => p.TenantId).Concat(byRules.Select(p => p.TenantId)).Distinct().ToList();
        var tenantNames = await db.Tenants.Where(t => tenantIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var ports = openPorts.Select(p => new ExposedPort(p.Id, p.Name == "" ? p.Id : p.Name, p.TenantId, tenantNames.GetValueOrDefault(p.TenantId, p.TenantId), 0, true))
            .Concat(byRules.Select(p => new ExposedPort(p.Id, p.Name == "" ? p.Id : p.Name, p.TenantId, tenantNames.GetValueOrDefault(p.TenantId, p.TenantId), p.Exposed, false)))
            .ToList();
        return (rules, ports, openCount, ofGroupsCount);
    }

    /// <summary>Exposed rules per tenant of their group: a range of the (Exposure, SecurityGroupId) index joined to the groups.</summary>
    internal static IQueryable<KeyCount> RiskyByTenant(AppDbContext db) =>
        db.SecurityGroupRules
            .Where(r => r.Exposure > ExposureReason.None)
            .GroupBy(r => r.SecurityGroup!.TenantId)
            .Select(g => new KeyCount { Key = g.Key, Count = g.Count() });

    /// <summary>Audit entries per UTC day since <paramref name="since"/>: a range of the (At, Id) index.</summary>
    internal static IQueryable<DayCount> ChangesPerDay(AppDbContext db, DateTime since) =>
        db.AuditEntries.Where(a => a.At >= since)
            .GroupBy(a => a.At.Date)
            .Select(g => new DayCount { Day = g.Key, Count = g.Count() });

    /// <summary>Audit entries per tenant since <paramref name="since"/>.</summary>
    internal static IQueryable<KeyCount> ChangesByTenant(AppDbContext db, DateTime since) =>
        db.AuditEntries.Where(a => a.At >= since)
            .GroupBy(a => a.TenantId)
            .Select(g => new KeyCount { Key = g.Key, Count = g.Count() });

    /// <summary>One tenant's exposed rules in the list's order (group name, then age), at most <paramref name="take"/>.</summary>
    internal static IQueryable<RiskyCandidate> RiskyRulesOf(AppDbContext db, string tenantId, int take) =>
        db.SecurityGroupRules.AsNoTracking()
            .Where(r => r.Exposure > ExposureReason.None && r.SecurityGroup!.TenantId == tenantId)
            .OrderBy(r => r.SecurityGroup!.Name).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Take(take)
            .Select(r => new RiskyCandidate(r, r.SecurityGroup!.Name));

    // Member-initialized (not positional) so that queries can still order by their properties.
    internal sealed class KeyCount
    {
        public string Key { get; init; } = "";
        public int Count { get; init; }
    }

    internal sealed class DayCount
    {
        public DateTime Day { get; init; }
        public int Count { get; init; }
    }

    internal sealed record RiskyCandidate(Data.SecurityGroups.SecurityGroupRule Rule, string GroupName);

    private (DateOnly First, DateTime Since) Period(int days)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = today.AddDays(-(days - 1));
        return (first, first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
    }

    private static void Authorize(Caller caller)
    {
        if (!CanView(caller))
        {
            throw new NeutronException(NeutronErrors.PolicyNotAuthorized("get_operator_overview"));
        }
    }
}
