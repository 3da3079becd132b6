using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace SecGroupAdmin.Web.Components.Shared;

/// <summary>
/// A MudTable drawn from the rows of a <see cref="FirstPage{T}"/> (its Items) whose pager counts the whole list, so it
/// looks as the live table will once it has read the same page ("1–25 of 2,000", forward buttons enabled).
/// </summary>
public sealed class FirstScreenTable<T> : MudTable<T>
{
    /// <summary>How many rows the whole list has.</summary>
    [Parameter] public int AllItems { get; set; }

    public override int GetFilteredItemsCount() => AllItems;

    protected override int NumPages => RowsPerPage <= 0 ? 0 : (int)Math.Ceiling(AllItems / (double)RowsPerPage);
}
