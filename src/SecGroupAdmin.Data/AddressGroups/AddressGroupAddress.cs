namespace SecGroupAdmin.Data.AddressGroups;

/// <summary>One address of an <see cref="AddressGroup"/>, in its stored (network) form, e.g. <c>10.1.0.0/16</c>.</summary>
public class AddressGroupAddress
{
    public string AddressGroupId { get; set; } = "";
    public string Address { get; set; } = "";
    /// <summary>Orders a group's addresses as they were added (the reference answers them in insertion order).</summary>
    public int Position { get; set; }
}
