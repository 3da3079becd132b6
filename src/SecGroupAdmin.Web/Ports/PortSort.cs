namespace SecGroupAdmin.Web.Ports;

/// <summary>What the ports page is sorted by.</summary>
public enum PortSort
{
    Created,
    Name,
    Network,
}
