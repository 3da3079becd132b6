using SecGroupAdmin.Web.Audit;

namespace SecGroupAdmin.Web.Components.Pages.Audit;

/// <summary>
/// An audit log's first page as the prerendered page drew it, handed to the circuit (persisted component state): the
/// rows without their before/after documents (a page of group snapshots would make the state, which the browser sends
/// back when the circuit starts, too large), with each row's one-line summary computed from them. The circuit reads the
/// page again, documents included, only when a row is expanded.
/// </summary>
public sealed class AuditFirstScreen
{
    public AuditPage Page { get; set; } = new([], 0, 1, AuditQuery.DefaultPageSize);
    public Dictionary<long, string> Summaries { get; set; } = [];

    /// <summary>For the persisted state's reader.</summary>
    public AuditFirstScreen()
    {
    }

    public AuditFirstScreen(AuditPage page, Func<AuditRow, string?> summary)
    {
        Page = page with { Items = [.. page.Items.Select(r => r with { BeforeJson = null, AfterJson = null })] };
        Summaries = page.Items.Select(r => (r.Id, Text: summary(r))).Where(s => s.Text is not null).ToDictionary(s => s.Id, s => s.Text!);
    }
}
