using System.Globalization;
using System.Text;
using System.Text.Json;
using SecGroupAdmin.Data.SecurityGroups;

namespace SecGroupAdmin.Web.RuleFiles;

/// <summary>
/// A group's rules as a file to download: JSON in Neutron's shape (<c>{"security_group_rules": [...]}</c>, the body a
/// bulk create takes, without the group) or CSV (a header row, the same fields). <see cref="RuleFileParser"/> reads both back.
/// </summary>
public static class RuleFileWriter
{
    public static string ToJson(IEnumerable<SecurityGroupRule> rules)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("security_group_rules");
            foreach (var rule in rules)
            {
                json.WriteStartObject();
                json.WriteString(RuleFileFields.Direction, rule.Direction);
                json.WriteString(RuleFileFields.Ethertype, rule.Ethertype);
                json.WriteString(RuleFileFields.Protocol, rule.Protocol);
                WriteNumber(json, RuleFileFields.PortRangeMin, rule.PortRangeMin);
                WriteNumber(json, RuleFileFields.PortRangeMax, rule.PortRangeMax);
                json.WriteString(RuleFileFields.RemoteIpPrefix, rule.RemoteIpPrefix);
                json.WriteString(RuleFileFields.RemoteGroupId, rule.RemoteGroupId);
                json.WriteString(RuleFileFields.RemoteAddressGroupId, rule.RemoteAddressGroupId);
                json.WriteString(RuleFileFields.Description, rule.Description ?? ""); // as Neutron shows it: a null would not be accepted back
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    public static string ToCsv(IEnumerable<SecurityGroupRule> rules)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', RuleFileFields.All)).Append("\r\n");
        foreach (var rule in rules)
        {
            string?[] cells =
            [
                rule.Direction, rule.Ethertype, rule.Protocol, Number(rule.PortRangeMin), Number(rule.PortRangeMax),
                rule.RemoteIpPrefix, rule.RemoteGroupId, rule.RemoteAddressGroupId, rule.Description,
            ];
            csv.Append(string.Join(',', cells.Select(Quote))).Append("\r\n");
        }
        return csv.ToString();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// RFC 4180: a cell with a comma, a quote, a line break or edge spaces is quoted, its quotes doubled; one that a
    /// spreadsheet would run as a formula gets a leading ' first (<see cref="Csv.CsvFormulaGuard"/>).
    /// </summary>
    private static string Quote(string? cell)
    {
        if (string.IsNullOrEmpty(cell))
        {
            return "";
        }
        cell = Csv.CsvFormulaGuard.Guard(cell);
        return cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 || cell[0] == ' ' || cell[^1] == ' '
            ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : cell;
    }
}
