namespace SecGroupAdmin.Domain.Analysis;

/// <summary>A security group on a port (attached or detached in a <see cref="DraftChange"/>).</summary>
public readonly record struct PortGroupLink(string PortId, string SecurityGroupId);
