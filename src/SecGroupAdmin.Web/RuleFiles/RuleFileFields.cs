namespace SecGroupAdmin.Web.RuleFiles;

/// <summary>The fields a rule file carries, in Neutron's names and in the CSV's column order.</summary>
public static class RuleFileFields
{
    public const string Direction = "direction";
    public const string Ethertype = "ethertype";
    public const string Protocol = "protocol";
    public const string PortRangeMin = "port_range_min";
    public const string PortRangeMax = "port_range_max";
    public const string RemoteIpPrefix = "remote_ip_prefix";
    public const string RemoteGroupId = "remote_group_id";
    public const string RemoteAddressGroupId = "remote_address_group_id";
    public const string Description = "description";

    /// <summary>All of them, in order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Direction, Ethertype, Protocol, PortRangeMin, PortRangeMax, RemoteIpPrefix, RemoteGroupId, RemoteAddressGroupId, Description];
}
