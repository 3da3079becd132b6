using MudBlazor;

namespace SecGroupAdmin.Web.Components.Shared;

/// <summary>
/// The first page of a paged table, read while the page is prerendered and handed to the circuit in the page
/// (persisted component state): the table state it was read for, its rows and the total. The circuit's table uses it
/// for its first read of that same state instead of asking the database again (see FirstPageTable).
/// </summary>
public sealed class FirstPage<T>
{
    public int PageSize { get; set; }
    public string? SortLabel { get; set; }
    public SortDirection SortDirection { get; set; }
    public List<T> Items { get; set; } = [];
    public int Total { get; set; }

    /// <summary>For the persisted state's reader.</summary>
    public FirstPage()
    {
    }

    /// <summary>The rows <paramref name="data"/> read for <paramref name="state"/>.</summary>
    public FirstPage(TableState state, TableData<T> data)
    {
        PageSize = state.PageSize;
        SortLabel = state.SortLabel;
        SortDirection = state.SortDirection;
        Items = [.. data.Items ?? []];
        Total = data.TotalItems;
    }

    /// <summary>Whether a table asking for <paramref name="state"/> wants exactly these rows.</summary>
    public bool IsFor(TableState state) =>
        state.Page == 0 && state.PageSize == PageSize && state.SortLabel == SortLabel && state.SortDirection == SortDirection;

    public TableData<T> ToTableData() => new() { Items = Items, TotalItems = Total };
}
