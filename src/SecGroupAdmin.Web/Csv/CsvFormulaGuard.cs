namespace SecGroupAdmin.Web.Csv;

/// <summary>
/// The one rule for text the app writes into CSV files people open in spreadsheets (the audit export, a group's rules):
/// a cell that starts with =, +, -, @, a tab or a carriage return would be run as a formula, so it gets a leading
/// <c>'</c>. A rules file read back (<see cref="RuleFiles.RuleFileParser"/>) drops that mark again, so an export imports
/// as it was.
/// </summary>
public static class CsvFormulaGuard
{
    public static string Guard(string cell) => StartsLikeFormula(cell, 0) ? "'" + cell : cell;

    public static string Unguard(string cell) => cell.Length > 1 && cell[0] == '\'' && StartsLikeFormula(cell, 1) ? cell[1..] : cell;

    private static bool StartsLikeFormula(string cell, int at) => cell.Length > at && cell[at] is '=' or '+' or '-' or '@' or '\t' or '\r';
}
