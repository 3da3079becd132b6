namespace SecGroupAdmin.Web.Components.Pages.AddressGroups;

/// <summary>
/// One line of the addresses box as checked: what was typed, the stored form (host bits cleared, IPv6 compressed), or
/// why it is refused.
/// </summary>
public sealed record AddressLine(int Number, string Text, string? Network, string? Error)
{
    public bool IsValid => Error is null;

    /// <summary>Stored differently from how it was typed (host bits, a bare address taken as /32, IPv6 spelling).</summary>
    public bool IsRewritten => Network is not null && !string.Equals(Network, Text, StringComparison.Ordinal);
}
