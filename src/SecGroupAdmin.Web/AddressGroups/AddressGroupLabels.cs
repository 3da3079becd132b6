namespace SecGroupAdmin.Web.AddressGroups;

/// <summary>The words for an address group used as a rule's remote.</summary>
public static class AddressGroupLabels
{
    /// <summary>"address group office, 3 addresses" (1 address, no addresses).</summary>
    public static string RemoteText(string label, int addressCount) => addressCount switch
    {
        0 => $"address group {label}, no addresses",
        1 => $"address group {label}, 1 address",
        _ => $"address group {label}, {addressCount} addresses",
    };
}
