namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>One column sort of the group page's grid, as the view state needs it (the grid's sort definitions, without the grid).</summary>
/// <param name="By">The column's sort name; part of the view's key.</param>
/// <param name="Descending">True for the descending order.</param>
/// <param name="Key">The value a rule is sorted by.</param>
/// <param name="Comparer">How those values compare; null: their default order.</param>
public sealed record RuleSort(string By, bool Descending, Func<RuleRow, object?> Key, IComparer<object?>? Comparer = null);
