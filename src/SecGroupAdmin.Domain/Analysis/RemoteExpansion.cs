namespace SecGroupAdmin.Domain.Analysis;

/// <summary>How rules with a remote group or a remote address group are read.</summary>
public enum RemoteExpansion
{
    /// <summary>
    /// As of now: a remote group stands for the addresses of the ports currently in it (a /32 or /128 each, of the
    /// rule's ethertype only), an address group for its CIDRs of the rule's ethertype. What a port allows today.
    /// </summary>
    CurrentMembers,

    /// <summary>
    /// Whatever the members: a remote group or address group is a source of its own, covered only by rules with the
    /// same remote group (or address group) or by rules from anywhere. Findings read this way stay true when ports
    /// join or leave a group.
    /// </summary>
    AnyMembers,
}
