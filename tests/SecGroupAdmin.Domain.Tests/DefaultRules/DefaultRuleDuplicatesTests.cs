using SecGroupAdmin.Domain.DefaultRules;
using static SecGroupAdmin.Domain.Tests.DefaultRules.DefaultRuleValidatorTests;

namespace SecGroupAdmin.Domain.Tests.DefaultRules;

/// <summary>securitygroups_db.py: _check_for_duplicate_default_rules (once per kind of group).</summary>
public class DefaultRuleDuplicatesTests
{
    private const string Egress = """{"direction": "egress", "used_in_default_sg": true, "used_in_non_default_sg": true}""";

    [Theory]
    [InlineData("for both kinds", true, true, "DefaultSecurityGroupRuleExists")]
    [InlineData("for default groups only", true, false, "DefaultSecurityGroupRuleExists")]
    [InlineData("for other groups only", false, true, "DefaultSecurityGroupRuleExists")]
    [InlineData("for neither", false, false, null)]
    public void A_stored_rule_conflicts_only_within_the_kinds_it_shares(string caseName, bool inDefault, bool inOthers, string? type)
    {
        _ = caseName;
        var stored = new[] { ("stored-1", Valid(Egress)) };
        var adding = Valid($$"""{"direction": "egress", "used_in_default_sg": {{(inDefault ? "true" : "false")}}, "used_in_non_default_sg": {{(inOthers ? "true" : "false")}}}""");
        var error = DefaultRuleDuplicates.Check(stored, [adding]);
        Assert.Equal(type, error?.Type);
        if (error is not null)
        {
            Assert.Equal("Default Security group rule already exists. Rule id is stored-1.", error.Message);
            Assert.Equal(409, error.Status);
        }
    }

    [Fact]
    public void A_stored_rule_for_other_kinds_only_is_no_duplicate()
    {
        var stored = new[] { ("stored-1", Valid("""{"direction": "egress", "used_in_default_sg": false, "used_in_non_default_sg": true}""")) };
        Assert.Null(DefaultRuleDuplicates.Check(stored, [Valid("""{"direction": "egress", "used_in_default_sg": true, "used_in_non_default_sg": false}""")]));
    }

    [Fact]
    public void The_same_rule_twice_in_one_request_is_refused_before_the_stored_check()
    {
        var stored = new[] { ("stored-1", Valid(Egress)) };
        var error = DefaultRuleDuplicates.Check(stored, [Valid(Egress), Valid(Egress)]);
        Assert.Equal("DuplicateDefaultSgRuleInPost", error?.Type);
        Assert.Equal("Duplicate Default Security Group Rule in POST.", error?.Message);
        Assert.Equal(409, error?.Status);
    }
}
