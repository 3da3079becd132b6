using SecGroupAdmin.Web.Components.Shared;
using SecGroupAdmin.Web.Quotas;

namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>The groups page's head at first paint (its table's first page travels in FirstPageTable).</summary>
public sealed record GroupsFirstScreen(TenantHead Head, QuotaSet Quota, QuotaSet Usage);
