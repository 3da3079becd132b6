using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.AddressGroups;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.RuleFiles;

namespace SecGroupAdmin.Web.SecurityGroups;

/// <summary>
/// Copying rules to another group and importing rules from a file (#16): both add through the one bulk create path
/// (<see cref="CreateRulesSkippingPresentAsync"/>: authorized, validated, audited and announced like any create, all or
/// nothing), leaving out the rules the target already holds and reporting them.
/// </summary>
public sealed partial class SecurityGroupService
{
    /// <summary>
    /// Copies the rules <paramref name="ruleIds"/> of <paramref name="sourceGroupId"/> (which the caller must be able to
    /// read) into <paramref name="targetGroupId"/> (which the caller must be able to write). A rule naming a remote group
    /// is copied as it is, also when that remote is the source group itself. 404 <c>SecurityGroupRuleNotFound</c> when a
    /// rule is gone (or not of that group).
    /// </summary>
    public async Task<RuleCopyResult> CopyRulesAsync(Caller caller, string sourceGroupId, IReadOnlyList<string> ruleIds, string targetGroupId, CancellationToken ct = default)
    {
        var wanted = ruleIds.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            throw new NeutronException(NeutronErrors.BadRequest("Resources required"));
        }
        await FindGroupAsync(caller, sourceGroupId, withRules: false, ct);
        var found = (await GetGroupRulesAsync(caller, sourceGroupId, wanted, ct)).ToDictionary(r => r.Id, StringComparer.Ordinal);
        if (wanted.FirstOrDefault(id => !found.ContainsKey(id)) is { } missing)
        {
            throw new NeutronException(NeutronErrors.SecurityGroupRuleNotFound(missing));
        }
        var inputs = wanted.Select(id => found[id]).OrderBy(r => r.CreatedAt).ThenBy(r => r.Id)
            .Select(r => RuleInput.FromForm(targetGroupId, r.Direction, r.Ethertype, r.Protocol, r.PortRangeMin, r.PortRangeMax,
                r.RemoteIpPrefix, r.RemoteGroupId, r.Description, r.RemoteAddressGroupId))
            .ToList();
        return await AddRulesSkippingPresentAsync(caller, targetGroupId, inputs, ct);
    }

    /// <summary>
    /// Adds the rules of an import (<see cref="RuleImportPreview.Inputs"/>) to <paramref name="groupId"/>, all or nothing:
    /// one invalid rule refuses them all with its error. Rules the group holds by now are left out and reported.
    /// </summary>
    public Task<RuleCopyResult> ImportRulesAsync(Caller caller, string groupId, IReadOnlyList<RuleInput> inputs, CancellationToken ct = default) =>
        AddRulesSkippingPresentAsync(caller, groupId, [.. inputs.Select(i => ForGroup(i, groupId))], ct);

    /// <summary>
    /// An import's dry run: each rule of the file validated by the shared validators against <paramref name="groupId"/>
    /// (its remote group and address group must be ones the group's tenant may use), then compared with the group's
    /// rules by key. Reads only; the caller must be able to write the group.
    /// </summary>
    public async Task<RuleImportPreview> PreviewImportAsync(Caller caller, string groupId, RuleFileParseResult file, CancellationToken ct = default)
    {
        var group = await FindGroupAsync(caller, groupId, withRules: false, ct);
        if (!caller.CanWrite(group.TenantId))
        {
            throw new NeutronException(NeutronErrors.PolicyNotAuthorized("create_security_group_rule"));
        }
        var invalid = new List<RuleFileError>(file.Errors);
        var valid = new List<(RuleFileRow Row, RuleInput Input, NormalizedRule Rule)>();
        foreach (var row in file.Rows)
        {
            var input = ForGroup(row.Input, groupId);
            var result = RuleValidator.Validate(input);
            if (result.IsValid)
            {
                valid.Add((row, input, result.Rule));
            }
            else
            {
                invalid.Add(new RuleFileError(row.Where, result.Error!.Message));
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var remoteGroups = valid.Select(v => v.Rule.RemoteGroupId).OfType<string>().Distinct().ToList();
        var usableGroups = remoteGroups.Count == 0 ? [] : (await GroupSummaryQuery.Listed(db, caller, group.TenantId)
            .Where(g => remoteGroups.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var addressGroups = valid.Select(v => v.Rule.RemoteAddressGroupId).OfType<string>().Distinct().ToList();
        var usableAddressGroups = addressGroups.Count == 0 ? [] : (await AddressGroupQuery.Listed(db, caller, group.TenantId)
            .Where(g => addressGroups.Contains(g.Id)).Select(g => g.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var keys = valid.Select(v => RuleKey.For(v.Rule).ToStorageString()).Distinct(StringComparer.Ordinal).ToList();
        var stored = keys.Count == 0 ? [] : (await db.SecurityGroupRules.AsNoTracking()
            .Where(r => r.SecurityGroupId == groupId && keys.Contains(r.DuplicateKey))
            .Select(r => new { r.DuplicateKey, r.Id }).ToListAsync(ct))
            .ToDictionary(r => r.DuplicateKey, r => r.Id, StringComparer.Ordinal);

        var toAdd = new List<RuleImportItem>();
        var present = new List<RuleImportItem>();
        var inFile = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (row, input, rule) in valid)
        {
            if (rule.RemoteGroupId is { } remote && !usableGroups.Contains(remote))
            {
                invalid.Add(new RuleFileError(row.Where, NeutronErrors.SecurityGroupNotFound(remote, "remote_group_id").Message));
                continue;
            }
            if (rule.RemoteAddressGroupId is { } addressGroup && !usableAddressGroups.Contains(addressGroup))
            {
                invalid.Add(new RuleFileError(row.Where, NeutronErrors.AddressGroupNotFound(addressGroup).Message));
                continue;
            }
            var key = RuleKey.For(rule).ToStorageString();
            var sentence = RuleText.Describe(rule);
            if (stored.TryGetValue(key, out var existing))
            {
                present.Add(new RuleImportItem(row.Where, sentence, input, existing));
            }
            else if (inFile.TryGetValue(key, out var first))
            {
                present.Add(new RuleImportItem(row.Where, $"{sentence} (repeats {first})", input, null));
            }
            else
            {
                inFile[key] = row.Where;
                toAdd.Add(new RuleImportItem(row.Where, sentence, input, null));
            }
        }
        return new RuleImportPreview(toAdd, present, invalid);
    }

    /// <summary>The target group's tenant is the project the rules are created in (for a CloudAdmin, whose own tenant is another).</summary>
    private async Task<RuleCopyResult> AddRulesSkippingPresentAsync(Caller caller, string targetGroupId, IReadOnlyList<RuleInput> inputs, CancellationToken ct)
    {
        var target = await FindGroupAsync(caller, targetGroupId, withRules: false, ct);
        var created = await CreateRulesSkippingPresentAsync(caller, inputs, caller.IsAdmin ? target.TenantId : null, ct);
        return new RuleCopyResult(created.Added, created.Present);
    }

    /// <summary>A copy of <paramref name="input"/> in <paramref name="groupId"/> (whatever group the file named).</summary>
    private static RuleInput ForGroup(RuleInput input, string groupId) => new()
    {
        SecurityGroupId = InputValue.FromString(groupId),
        Direction = input.Direction,
        Ethertype = input.Ethertype,
        Protocol = input.Protocol,
        PortRangeMin = input.PortRangeMin,
        PortRangeMax = input.PortRangeMax,
        RemoteIpPrefix = input.RemoteIpPrefix,
        RemoteGroupId = input.RemoteGroupId,
        RemoteAddressGroupId = input.RemoteAddressGroupId,
        Description = input.Description,
    };
}
