using SecGroupAdmin.Domain.Errors;

namespace SecGroupAdmin.Domain.Tests.Errors;

/// <summary>Exact texts of the error factories ("obs N": row N of ReferenceObservations in the Web tests, where the reference showed the text).</summary>
public class NeutronErrorsTests
{
    public static TheoryData<string, NeutronError, int, string, string> Catalogue => new()
    {
        { "obs 14", NeutronErrors.SecurityGroupNotFound("00000000-0000-0000-0000-000000000000"), 404, "SecurityGroupNotFound", "Security group 00000000-0000-0000-0000-000000000000 does not exist" },
        { "obs 87", NeutronErrors.SecurityGroupRuleNotFound("r1"), 404, "SecurityGroupRuleNotFound", "Security group rule r1 does not exist" },
        { "from Neutron's exception class", NeutronErrors.AddressGroupNotFound("ag"), 404, "AddressGroupNotFound", "Address group ag could not be found." },
        { "address groups obs 76", NeutronErrors.AddressesNotFound(["10.99.0.0/16", "10.98.0.0/16"], "ag"), 404, "AddressesNotFound", "Addresses ['10.99.0.0/16', '10.98.0.0/16'] not found in the address group ag." },
        { "address groups obs 59", NeutronErrors.AddressesAlreadyExist(["10.1.0.0/16"], "ag"), 400, "AddressesAlreadyExist", "Addresses ['10.1.0.0/16'] already exist in the address group ag." },
        { "address groups obs 109", NeutronErrors.AddressGroupInUse("ag"), 409, "AddressGroupInUse", "Address group ag is in use on one or more security group rules." },
        { "address groups obs 62", NeutronErrors.AddrFormatError("abc"), 400, "AddrFormatError", "invalid IPNetwork abc" },
        { "obs 85", NeutronErrors.NotFound(), 404, "HTTPNotFound", "The resource could not be found." },
        { "obs 26", NeutronErrors.RuleExists("6afc939d-33d3-49a1-a8ab-adcb591a4c57"), 409, "SecurityGroupRuleExists", "Security group rule already exists. Rule id is 6afc939d-33d3-49a1-a8ab-adcb591a4c57." },
        { "from Neutron's exception class", NeutronErrors.DuplicateRuleInPost(), 409, "DuplicateSecurityGroupRuleInPost", "Duplicate Security Group Rule in POST." },
        { "from Neutron's exception class", NeutronErrors.NotSingleGroupRules(), 400, "SecurityGroupNotSingleGroupRules", "Only allowed to update rules for one security profile at a time" },
        { "from Neutron's exception class", NeutronErrors.RulesNotSingleProject(), 400, "SecurityGroupRulesNotSingleProject", "Multiple project_ids in bulk security group rule create not allowed" },
        { "from Neutron's exception class", NeutronErrors.SecurityGroupInUse("sg1"), 409, "SecurityGroupInUse", "Security Group sg1 in use." },
        { "from Neutron's exception class", NeutronErrors.SecurityGroupRuleInUse("None", "cannot perform precommit_delete due to x"), 409, "SecurityGroupRuleInUse", "Security Group Rule None cannot perform precommit_delete due to x." },
        { "obs 92", NeutronErrors.CannotRemoveDefault(), 409, "SecurityGroupCannotRemoveDefault", "Insufficient rights for removing default security group." },
        { "from Neutron's exception class", NeutronErrors.CannotUpdateDefault(), 409, "SecurityGroupCannotUpdateDefault", "Updating default security group not allowed." },
        { "obs 4", NeutronErrors.DefaultAlreadyExists(), 409, "SecurityGroupDefaultAlreadyExists", "Default security group already exists." },
        { "from Neutron's exception class", NeutronErrors.SecurityGroupConflict("Cannot apply both stateful and stateless security groups on the same port at the same time"), 409, "SecurityGroupConflict", "Error Cannot apply both stateful and stateless security groups on the same port at the same time while attempting the operation." },
        { "from Neutron's exception class", NeutronErrors.OverQuota("security_group_rule"), 409, "OverQuota", "Quota exceeded for resources: ['security_group_rule']." },
        { "obs 91", NeutronErrors.OverQuota("security_group"), 409, "OverQuota", "Quota exceeded for resources: ['security_group']." },
        { "two resources", NeutronErrors.OverQuota("security_group", "security_group_rule"), 409, "OverQuota", "Quota exceeded for resources: ['security_group', 'security_group_rule']." },
        { "probed on reference", NeutronErrors.PolicyNotAuthorized("update_security_group"), 403, "PolicyNotAuthorized", "rule:update_security_group is disallowed by policy" },
        { "probed on reference", NeutronErrors.RevisionMismatch(7, 2), 412, "RevisionNumberConstraintFailed", "Constrained to 7, but current revision is 2" },
        { "obs 98", NeutronErrors.MethodNotAllowed(), 405, "HTTPMethodNotAllowed", "The server could not comply with the request since it is either malformed or otherwise incorrect." },
        { "obs 7", NeutronErrors.MalformedBody(), 400, "MalformedRequestBody", "Malformed request body: Cannot understand JSON." },
        { "obs 6", NeutronErrors.BadRequest("Unable to find 'security_group' in request body"), 400, "HTTPBadRequest", "Unable to find 'security_group' in request body" },
        { "obs 8", NeutronErrors.UnrecognizedAttributes(["foo"]), 400, "HTTPBadRequest", "Unrecognized attribute(s) 'foo'" },
        { "obs 19", NeutronErrors.ReadOnlyAttribute("id"), 400, "HTTPBadRequest", "Cannot update read-only attribute id" },
        { "from Neutron's exception class", NeutronErrors.NotAllowedInPost("id"), 400, "HTTPBadRequest", "Attribute 'id' not allowed in POST" },
        { "obs 61", NeutronErrors.RequiredAttribute("direction"), 400, "HTTPBadRequest", "Failed to parse request. Required attribute 'direction' not specified" },
        { "obs 9", NeutronErrors.InvalidStringInput("name", "5"), 400, "HTTPBadRequest", "Invalid input for name. Reason: '5' is not a valid string." },
        { "obs 60", NeutronErrors.NotInValidValues("direction", "sideways"), 400, "HTTPBadRequest", "Invalid input for direction. Reason: sideways is not in valid_values." },
        { "probed", NeutronErrors.InvalidInput("'x' cannot be converted to boolean"), 400, "InvalidInput", "Invalid input for operation: 'x' cannot be converted to boolean." },
    };

    [Theory]
    [MemberData(nameof(Catalogue))]
    public void Exact_type_status_and_message(string source, NeutronError error, int status, string type, string message)
    {
        _ = source;
        Assert.Equal(type, error.Type);
        Assert.Equal(status, error.Status);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Errors_are_values()
    {
        Assert.Equal(NeutronErrors.InvalidPortRange(), NeutronErrors.InvalidPortRange());
        Assert.Equal("remote_group_id", NeutronErrors.SecurityGroupNotFound("x", "remote_group_id").Field);
    }

    [Fact]
    public void Rule_exists_carries_the_existing_rule_id_and_other_errors_carry_none()
    {
        NeutronError exists = NeutronErrors.RuleExists("6afc939d-33d3-49a1-a8ab-adcb591a4c57");
        Assert.Equal(NeutronErrorTypes.SecurityGroupRuleExists, exists.Type);
        Assert.Equal("6afc939d-33d3-49a1-a8ab-adcb591a4c57", exists.ExistingRuleId);
        Assert.Null(NeutronErrors.DuplicateRuleInPost().ExistingRuleId);
        Assert.Null(NeutronErrors.SecurityGroupRuleNotFound("r1").ExistingRuleId);
    }
}
