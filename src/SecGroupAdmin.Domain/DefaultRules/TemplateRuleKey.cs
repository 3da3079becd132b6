using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.DefaultRules;

/// <summary>
/// What "a group has this template rule" means, decided once: the group holds a rule whose duplicate key
/// (<see cref="RuleKey"/>, the key the rule validators use, stored as <c>DuplicateKey</c>) equals the key the template
/// rule would get in that group, <c>PARENT</c> being the group's own id. The key of a rule naming <c>PARENT</c> is
/// <see cref="Before"/> + group id + <see cref="After"/>; of any other rule, <see cref="Before"/> alone. The two parts
/// let a query compare the stored keys of every group in SQL.
/// </summary>
public readonly record struct TemplateRuleKey(string Before, string After, bool NamesParent)
{
    public static TemplateRuleKey Of(DefaultRule rule)
    {
        var key = RuleKey.For(rule.Rule);
        if (key.RemoteGroupId != DefaultRule.Parent)
        {
            return new TemplateRuleKey(key.ToStorageString(), "", false);
        }
        // The remote group is the 6th of the key's 8 '|'-separated fields: the key up to it, and from after it.
        var withoutRemotes = (key with { RemoteGroupId = null, RemoteAddressGroupId = null, RemoteIpPrefix = null }).ToStorageString();
        var before = withoutRemotes[..^2];
        var after = (key with { RemoteGroupId = null }).ToStorageString()[before.Length..];
        return new TemplateRuleKey(before, after, true);
    }

    /// <summary>The duplicate key the template rule has in the group <paramref name="groupId"/>.</summary>
    public string For(string groupId) => NamesParent ? Before + groupId + After : Before;
}
