using System.Globalization;
using System.Text;
using System.Text.Json;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Api;

namespace SecGroupAdmin.Web.RuleFiles;

/// <summary>
/// Reads an import file: JSON in Neutron's shape (<c>{"security_group_rules": [...]}</c>, one <c>{"security_group_rule":
/// {...}}</c> or a bare list; other attributes such as <c>id</c> or <c>security_group_id</c> are ignored) or CSV with a
/// header row naming <see cref="RuleFileFields"/> columns (an empty cell is an absent attribute). Only the file's shape
/// is checked here; each rule's values are checked by the shared validators (<c>RuleValidator</c>) in the dry run.
/// </summary>
public static class RuleFileParser
{
    /// <summary>JSON when the text starts with <c>{</c> or <c>[</c>, CSV otherwise.</summary>
    public static RuleFileParseResult Parse(string text)
    {
        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.Length == 0)
        {
            return Fail("file", "The file is empty.");
        }
        return trimmed[0] is '{' or '[' ? ParseJson(trimmed) : ParseCsv(trimmed);
    }

    public static RuleFileParseResult ParseJson(string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            return Fail(ex.LineNumber is { } line ? $"line {line + 1}" : "file", "This is not valid JSON: " + FirstSentence(ex.Message));
        }
        using (document)
        {
            var root = document.RootElement;
            var rules = new List<JsonElement>();
            if (root.ValueKind == JsonValueKind.Array)
            {
                rules.AddRange(root.EnumerateArray());
            }
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("security_group_rules", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                rules.AddRange(list.EnumerateArray());
            }
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("security_group_rule", out var one) && one.ValueKind == JsonValueKind.Object)
            {
                rules.Add(one);
            }
            else
            {
                return Fail("file", "Expected {\"security_group_rules\": [ … ]} (Neutron's shape) or a list of rules.");
            }
            var rows = new List<RuleFileRow>();
            var errors = new List<RuleFileError>();
            for (var i = 0; i < rules.Count; i++)
            {
                var where = $"rule {i + 1}";
                if (rules[i].ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new RuleFileError(where, "Not a rule: expected an object with direction, ethertype, protocol, …"));
                    continue;
                }
                var r = rules[i];
                rows.Add(new RuleFileRow(where, new RuleInput
                {
                    Direction = JsonInput.Get(r, RuleFileFields.Direction),
                    Ethertype = JsonInput.Get(r, RuleFileFields.Ethertype),
                    Protocol = JsonInput.Get(r, RuleFileFields.Protocol),
                    PortRangeMin = JsonInput.Get(r, RuleFileFields.PortRangeMin),
                    PortRangeMax = JsonInput.Get(r, RuleFileFields.PortRangeMax),
                    RemoteIpPrefix = JsonInput.Get(r, RuleFileFields.RemoteIpPrefix),
                    RemoteGroupId = JsonInput.Get(r, RuleFileFields.RemoteGroupId),
                    RemoteAddressGroupId = JsonInput.Get(r, RuleFileFields.RemoteAddressGroupId),
                    Description = JsonInput.Get(r, RuleFileFields.Description),
                }));
            }
            return new RuleFileParseResult(rows, errors);
        }
    }

    public static RuleFileParseResult ParseCsv(string text)
    {
        var records = ReadCsv(text, out var unterminated);
        if (records.Count == 0)
        {
            return Fail("file", "The file is empty.");
        }
        var (headerLine, header) = records[0];
        var columns = header.Select(h => h.Trim().ToLowerInvariant()).ToList();
        var unknown = columns.Where(c => !RuleFileFields.All.Contains(c)).ToList();
        if (unknown.Count > 0)
        {
            return Fail($"line {headerLine}", $"Unknown column {string.Join(", ", unknown.Select(c => $"“{c}”"))}: the header row names columns among {string.Join(", ", RuleFileFields.All)}.");
        }
        if (!columns.Contains(RuleFileFields.Direction))
        {
            return Fail($"line {headerLine}", "The header row has no “direction” column (the first line names the columns).");
        }
        if (columns.Distinct().Count() != columns.Count)
        {
            return Fail($"line {headerLine}", "A column is named twice in the header row.");
        }
        var rows = new List<RuleFileRow>();
        var errors = new List<RuleFileError>();
        foreach (var (line, cells) in records.Skip(1))
        {
            var where = $"line {line}";
            if (cells.Count == 1 && cells[0].Length == 0)
            {
                continue; // a blank line
            }
            if (cells.Count != columns.Count)
            {
                errors.Add(new RuleFileError(where, $"{cells.Count} {(cells.Count == 1 ? "field" : "fields")}, but the header row names {columns.Count}."));
                continue;
            }
            var input = new RuleInput();
            for (var c = 0; c < columns.Count; c++)
            {
                Set(input, columns[c], cells[c]);
            }
            rows.Add(new RuleFileRow(where, input));
        }
        if (unterminated is { } open)
        {
            errors.Add(new RuleFileError($"line {open}", "A quoted field is not closed (a \" is missing)."));
        }
        return new RuleFileParseResult(rows, errors);
    }

    private static void Set(RuleInput input, string column, string cell)
    {
        cell = Csv.CsvFormulaGuard.Unguard(cell); // the export's guard against spreadsheet formulas
        var value = cell.Length == 0 ? InputValue.Absent
            : column is RuleFileFields.PortRangeMin or RuleFileFields.PortRangeMax && long.TryParse(cell.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
                ? InputValue.FromInteger(n)
                : InputValue.FromString(cell);
        switch (column)
        {
            case RuleFileFields.Direction: input.Direction = value; break;
            case RuleFileFields.Ethertype: input.Ethertype = value; break;
            case RuleFileFields.Protocol: input.Protocol = value; break;
            case RuleFileFields.PortRangeMin: input.PortRangeMin = value; break;
            case RuleFileFields.PortRangeMax: input.PortRangeMax = value; break;
            case RuleFileFields.RemoteIpPrefix: input.RemoteIpPrefix = value; break;
            case RuleFileFields.RemoteGroupId: input.RemoteGroupId = value; break;
            case RuleFileFields.RemoteAddressGroupId: input.RemoteAddressGroupId = value; break;
            default: input.Description = value; break;
        }
    }

    /// <summary>RFC 4180 records with the line each starts on; <paramref name="unterminated"/> is the line of a quote never closed.</summary>
    private static List<(int Line, List<string> Cells)> ReadCsv(string text, out int? unterminated)
    {
        var records = new List<(int, List<string>)>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        var quoteLine = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += ch == '\n' ? 1 : 0;
                    cell.Append(ch);
                }
            }
            else if (ch == '"' && cell.Length == 0)
            {
                quoted = true;
                quoteLine = line;
            }
            else if (ch == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                cells.Add(cell.ToString());
                cell.Clear();
                records.Add((start, cells));
                cells = [];
                line++;
                start = line;
            }
            else
            {
                cell.Append(ch);
            }
        }
        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            records.Add((start, cells));
        }
        unterminated = quoted ? quoteLine : null;
        return records;
    }

    private static RuleFileParseResult Fail(string where, string message) => new([], [new RuleFileError(where, message)]);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
