using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>
/// Fills the stored exposure verdict (<see cref="Data.SecurityGroups.SecurityGroupRule.Exposure"/>) of rules written
/// before it existed: reads the rules whose verdict is NULL in batches, asks <see cref="RuleExposure"/> (the one
/// definition) in C#, and writes the verdicts back, one UPDATE per verdict per batch. Runs after the migrations at
/// every start-up and every admin verb; idempotent (a rule with a verdict is never read again) and safe with several
/// instances starting at once (they would write the same values).
/// </summary>
public static class RuleExposureBackfill
{
    public const int BatchSize = 2_000;

    /// <summary>Fills every missing verdict; returns how many rules it filled.</summary>
    public static async Task<int> RunAsync(IDbContextFactory<AppDbContext> factory, CancellationToken ct = default)
    {
        var filled = 0;
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var batch = await db.SecurityGroupRules.AsNoTracking()
                .Where(r => r.Exposure == null)
                .OrderBy(r => r.Id)
                .Take(BatchSize)
                .Select(r => new Data.SecurityGroups.SecurityGroupRule
                {
                    Id = r.Id,
                    SecurityGroupId = r.SecurityGroupId,
                    Direction = r.Direction,
                    Ethertype = r.Ethertype,
                    Protocol = r.Protocol,
                    PortRangeMin = r.PortRangeMin,
                    PortRangeMax = r.PortRangeMax,
                    RemoteIpPrefix = r.RemoteIpPrefix,
                    NormalizedCidr = r.NormalizedCidr,
                    RemoteGroupId = r.RemoteGroupId,
                    RemoteAddressGroupId = r.RemoteAddressGroupId,
                })
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                return filled;
            }
            foreach (var verdict in batch.GroupBy(r => RuleExposure.Of(r.ToNormalized()).Reason))
            {
                var ids = verdict.Select(r => r.Id).ToList();
                ExposureReason? reason = verdict.Key;
                filled += await db.SecurityGroupRules
                    .Where(r => ids.Contains(r.Id) && r.Exposure == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Exposure, reason), ct);
            }
        }
    }
}
