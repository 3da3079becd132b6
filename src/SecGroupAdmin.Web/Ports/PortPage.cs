using SecGroupAdmin.Data.Ports;

namespace SecGroupAdmin.Web.Ports;

/// <summary>One page of the ports list (each port with its groups) and how many ports match the search.</summary>
public sealed record PortPage(IReadOnlyList<Port> Items, int Total);
