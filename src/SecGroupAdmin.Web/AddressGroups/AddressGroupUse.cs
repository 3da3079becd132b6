namespace SecGroupAdmin.Web.AddressGroups;

/// <summary>A rule that uses an address group as its remote, with its security group (for "where used").</summary>
public sealed record AddressGroupUse(string RuleId, string GroupId, string GroupName, string GroupTenantId, string TenantName, string Direction, string Text);
