namespace SecGroupAdmin.Domain.Analysis;

/// <summary>What a compiled rule's remote end is.</summary>
internal enum RemoteKind
{
    /// <summary>No remote, or a prefix of length 0: any address of the rule's ethertype.</summary>
    Anywhere,

    /// <summary>A remote_ip_prefix (its network; host bits ignored).</summary>
    Prefix,

    /// <summary>A remote_group_id.</summary>
    Group,

    /// <summary>A remote_address_group_id.</summary>
    AddressGroup,

    /// <summary>Unreadable (bad prefix, prefix of the other family, unreadable protocol): the rule matches nothing.</summary>
    Nothing,
}
