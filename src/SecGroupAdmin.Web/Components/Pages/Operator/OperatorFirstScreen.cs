using SecGroupAdmin.Web.Operator;

namespace SecGroupAdmin.Web.Components.Pages.Operator;

/// <summary>
/// The operator overview at first paint: the cards, chart and risky rules as read while prerendering, and whether the
/// viewer is a cloud admin (for the subtitle); the tenants table's first page travels in FirstPageTable.
/// </summary>
public sealed record OperatorFirstScreen(OperatorOverview Overview, bool IsCloudAdmin);
