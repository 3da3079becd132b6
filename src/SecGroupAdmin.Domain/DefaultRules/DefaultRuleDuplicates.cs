using SecGroupAdmin.Domain.Errors;

namespace SecGroupAdmin.Domain.DefaultRules;

/// <summary>
/// Neutron's duplicate check of template rules (securitygroups_db.py: _check_for_duplicate_default_rules), done
/// twice: among the rules for default groups, then among the rules for other groups. A new rule is in a set when its
/// flag says so; twice in one request gives <c>DuplicateDefaultSgRuleInPost</c>, equal to a stored rule of that set
/// <c>DefaultSecurityGroupRuleExists</c> naming it. A rule for neither kind of group is never a duplicate.
/// </summary>
public static class DefaultRuleDuplicates
{
    /// <summary>The first duplicate error, or null. <paramref name="stored"/>: the template's rules with their ids.</summary>
    public static NeutronError? Check(IReadOnlyList<(string Id, DefaultRule Rule)> stored, IReadOnlyList<DefaultRule> adding)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(adding);
        return CheckSet(stored.Where(s => s.Rule.UsedInDefaultSg), adding.Where(r => r.UsedInDefaultSg))
            ?? CheckSet(stored.Where(s => s.Rule.UsedInNonDefaultSg), adding.Where(r => r.UsedInNonDefaultSg));
    }

    private static NeutronError? CheckSet(IEnumerable<(string Id, DefaultRule Rule)> stored, IEnumerable<DefaultRule> adding)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in adding)
        {
            if (!keys.Add(rule.Key))
            {
                return NeutronErrors.DuplicateDefaultRuleInPost();
            }
        }
        foreach (var (id, rule) in stored)
        {
            if (keys.Contains(rule.Key))
            {
                return NeutronErrors.DefaultRuleExists(id);
            }
        }
        return null;
    }
}
