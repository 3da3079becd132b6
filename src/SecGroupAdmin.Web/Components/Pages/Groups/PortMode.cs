namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>How ports are given for TCP-like protocols, as in Horizon's "Open Port".</summary>
public enum PortMode
{
    Single,
    Range,
    All,
}
