namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>Where allowed traffic comes from (or goes to) in the rule form.</summary>
public enum RemoteKind
{
    /// <summary>A CIDR typed by the user; the ethertype follows it.</summary>
    Cidr,
    /// <summary>Members of a security group.</summary>
    Group,
    /// <summary>The address the browser connects from.</summary>
    MyIp,
    /// <summary>The networks of an address group of the tenant.</summary>
    AddressGroup,
    /// <summary>Explicitly everywhere: 0.0.0.0/0 or ::/0.</summary>
    Anywhere,
    /// <summary>Nothing chosen yet (a new rule): the user picks one, as AWS asks for a source; nothing is assumed.</summary>
    NotChosen,
}
