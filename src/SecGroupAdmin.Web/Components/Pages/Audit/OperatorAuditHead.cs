using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Components.Pages.Audit;

/// <summary>
/// What the all-tenants audit page draws of its viewer and initial tenant filter, kept from the prerendered page
/// (persisted component state) so the circuit draws the same page at once while it decides again who the user is.
/// </summary>
public sealed record OperatorAuditHead(bool IsCloudAdmin, TenantChoice? InitialTenant);
