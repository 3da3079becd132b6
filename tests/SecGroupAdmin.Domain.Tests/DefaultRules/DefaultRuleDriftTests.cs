using SecGroupAdmin.Domain.DefaultRules;
using SecGroupAdmin.Domain.Rules;
using static SecGroupAdmin.Domain.Tests.DefaultRules.DefaultRuleValidatorTests;

namespace SecGroupAdmin.Domain.Tests.DefaultRules;

/// <summary>Drift: which template rules an existing group lacks, "the same rule" being the validators' duplicate key.</summary>
public class DefaultRuleDriftTests
{
    private const string GroupId = "8f2c1e4a-0000-4000-8000-000000000001";
    private const string OtherGroupId = "8f2c1e4a-0000-4000-8000-000000000002";

    private static readonly DefaultRule EgressV4 = Valid("""{"direction": "egress", "ethertype": "IPv4", "used_in_default_sg": true, "used_in_non_default_sg": true}""");
    private static readonly DefaultRule EgressV6 = Valid("""{"direction": "egress", "ethertype": "IPv6", "used_in_default_sg": true, "used_in_non_default_sg": true}""");
    private static readonly DefaultRule IngressFromParent = Valid("""{"direction": "ingress", "ethertype": "IPv4", "remote_group_id": "PARENT", "used_in_default_sg": true, "used_in_non_default_sg": false}""");
    private static readonly DefaultRule SshFromOffice = Valid("""{"direction": "ingress", "protocol": "tcp", "port_range_min": 22, "port_range_max": 22, "remote_ip_prefix": "10.0.0.0/8", "used_in_default_sg": false, "used_in_non_default_sg": true, "description": "office"}""");

    public static TheoryData<string> TemplateRules => new()
    {
        """{"direction": "egress"}""",
        """{"direction": "ingress", "remote_group_id": "PARENT"}""",
        """{"direction": "ingress", "ethertype": "IPv6", "protocol": "icmp", "port_range_min": 8, "port_range_max": 0, "remote_group_id": "PARENT"}""",
        """{"direction": "ingress", "protocol": "6", "port_range_min": 80, "port_range_max": 90, "remote_ip_prefix": "192.168.1.7/24"}""",
        """{"direction": "egress", "ethertype": "IPv6", "remote_ip_prefix": "::/0"}""",
        """{"direction": "ingress", "protocol": "udp", "remote_group_id": "3f7a2c4e-1111-4111-8111-111111111111"}""",
    };

    [Theory]
    [MemberData(nameof(TemplateRules))]
    public void The_template_key_in_a_group_is_the_duplicate_key_of_the_rule_the_group_gets(string json)
    {
        var rule = Valid(json);
        var inGroup = DefaultRuleDrift.RuleFor(rule, GroupId);
        Assert.Equal(RuleKey.For(inGroup).ToStorageString(), TemplateRuleKey.Of(rule).For(GroupId));
        Assert.Equal(rule.Rule.RemoteGroupId == DefaultRule.Parent, TemplateRuleKey.Of(rule).NamesParent);
    }

    [Fact]
    public void Parent_becomes_the_group_itself_without_description()
    {
        var rule = DefaultRuleDrift.RuleFor(IngressFromParent, GroupId);
        Assert.Equal(GroupId, rule.SecurityGroupId);
        Assert.Equal(GroupId, rule.RemoteGroupId);
        Assert.Equal("", DefaultRuleDrift.RuleFor(SshFromOffice, GroupId).Description);
    }

    [Fact]
    public void A_default_group_is_compared_with_the_rules_for_default_groups_only()
    {
        DefaultRule[] template = [EgressV4, EgressV6, IngressFromParent, SshFromOffice];
        var held = new[] { Key(EgressV4, GroupId), Key(EgressV6, GroupId) };
        Assert.Equal([IngressFromParent], DefaultRuleDrift.Missing(template, GroupId, defaultGroup: true, held));
        Assert.Equal([SshFromOffice], DefaultRuleDrift.Missing(template, GroupId, defaultGroup: false, held));
    }

    [Fact]
    public void Extra_rules_of_the_tenant_are_not_drift()
    {
        DefaultRule[] template = [EgressV4];
        var extra = Key(SshFromOffice, GroupId);
        Assert.Empty(DefaultRuleDrift.Missing(template, GroupId, defaultGroup: false, [Key(EgressV4, GroupId), extra]));
    }

    [Fact]
    public void The_same_rule_written_differently_is_held()
    {
        // "6" is tcp, 0.0.0.0/0 is no prefix, and the description does not count: the validators' duplicate key.
        var stored = Valid("""{"direction": "ingress", "protocol": "6", "port_range_min": 22, "port_range_max": 22, "remote_ip_prefix": "10.0.0.0/8", "used_in_default_sg": true, "used_in_non_default_sg": true, "description": "mine"}""");
        var anywhere = Valid("""{"direction": "egress", "remote_ip_prefix": "0.0.0.0/0", "used_in_default_sg": true, "used_in_non_default_sg": true}""");
        Assert.Empty(DefaultRuleDrift.Missing([SshFromOffice, EgressV4], GroupId, defaultGroup: false, [Key(stored, GroupId), Key(anywhere, GroupId)]));
    }

    [Fact]
    public void A_rule_from_another_group_is_not_the_parent_rule()
    {
        // The group allows traffic from a different group, not from itself: the template's PARENT rule is missing.
        var fromOther = RuleKey.For(DefaultRuleDrift.RuleFor(IngressFromParent, GroupId) with { RemoteGroupId = OtherGroupId }).ToStorageString();
        Assert.Equal([IngressFromParent], DefaultRuleDrift.Missing([IngressFromParent], GroupId, defaultGroup: true, [fromOther]));
        Assert.Empty(DefaultRuleDrift.Missing([IngressFromParent], GroupId, defaultGroup: true, [Key(IngressFromParent, GroupId)]));
    }

    [Fact]
    public void A_rule_for_neither_kind_is_never_missing()
    {
        var neither = Valid("""{"direction": "egress", "protocol": "udp", "used_in_default_sg": false, "used_in_non_default_sg": false}""");
        Assert.Empty(DefaultRuleDrift.Missing([neither], GroupId, defaultGroup: true, []));
        Assert.Empty(DefaultRuleDrift.Missing([neither], GroupId, defaultGroup: false, []));
    }

    private static string Key(DefaultRule rule, string groupId) => RuleKey.For(DefaultRuleDrift.RuleFor(rule, groupId)).ToStorageString();
}
