namespace SecGroupAdmin.Web.Tags;

/// <summary>What can carry tags: security groups and (as newer Neutron, not Zed) their rules.</summary>
public enum TaggedKind
{
    SecurityGroup,
    SecurityGroupRule,
}
