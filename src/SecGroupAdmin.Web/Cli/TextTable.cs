using System.Text;

namespace SecGroupAdmin.Web.Cli;

/// <summary>Plain text columns padded to the widest cell, separated by two spaces.</summary>
internal static class TextTable
{
    public static string Render(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { headers };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, headers.Count)
            .Select(column => all.Max(row => row[column].Length))
            .ToArray();

        var text = new StringBuilder();
        foreach (var row in all)
        {
            var cells = row.Select((cell, column) => column == row.Count - 1 ? cell : cell.PadRight(widths[column]));
            text.Append(string.Join("  ", cells).TrimEnd()).Append('\n');
        }
        return text.ToString();
    }
}
