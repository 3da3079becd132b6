namespace SecGroupAdmin.Domain.Rules;

/// <summary>The two ethertypes, in their canonical (stored) case.</summary>
public static class Ethertypes
{
    public const string IPv4 = "IPv4";
    public const string IPv6 = "IPv6";

    /// <summary>The address any of the family: "0.0.0.0/0" or "::/0".</summary>
    public static string AnyAddress(string ethertype) => ethertype == IPv6 ? "::/0" : "0.0.0.0/0";
}
