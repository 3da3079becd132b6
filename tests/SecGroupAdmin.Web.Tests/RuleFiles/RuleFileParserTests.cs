using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.RuleFiles;

namespace SecGroupAdmin.Web.Tests.RuleFiles;

/// <summary>The import file reader and the export writer, without the UI or a database.</summary>
public class RuleFileParserTests
{
    [Fact]
    public void Json_in_neutrons_shape_gives_each_rule_with_its_values_as_given()
    {
        var result = RuleFileParser.Parse("""
            {"security_group_rules": [
              {"id": "ignored", "security_group_id": "ignored", "direction": "ingress", "ethertype": "IPv4", "protocol": "tcp",
               "port_range_min": 22, "port_range_max": 22, "remote_ip_prefix": "10.0.0.0/8", "remote_group_id": null,
               "remote_address_group_id": null, "description": "ssh"},
              {"direction": "egress"}
            ]}
            """);

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Rows.Count);
        var ssh = result.Rows[0];
        Assert.Equal("rule 1", ssh.Where);
        Assert.Equal("ingress", ssh.Input.Direction.Text);
        Assert.Equal(22, ssh.Input.PortRangeMin.Integer);
        Assert.Equal(InputKind.Integer, ssh.Input.PortRangeMax.Kind);
        Assert.Equal("10.0.0.0/8", ssh.Input.RemoteIpPrefix.Text);
        Assert.True(ssh.Input.RemoteGroupId.IsNull);
        Assert.True(ssh.Input.SecurityGroupId.IsAbsent);
        Assert.True(result.Rows[1].Input.Protocol.IsAbsent);
    }

    [Fact]
    public void Json_single_rule_and_bare_list_are_read_too()
    {
        Assert.Single(RuleFileParser.Parse("""{"security_group_rule": {"direction": "ingress"}}""").Rows);
        Assert.Equal(2, RuleFileParser.Parse("""[{"direction": "ingress"}, {"direction": "egress"}]""").Rows.Count);
    }

    [Fact]
    public void Bad_json_says_where_and_why()
    {
        var broken = RuleFileParser.Parse("{\n\"security_group_rules\": [\n{\"direction\": \"ingress\",,}\n]}");
        var error = Assert.Single(broken.Errors);
        Assert.Equal("line 3", error.Where);
        Assert.StartsWith("This is not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Empty(broken.Rows);

        var wrongShape = Assert.Single(RuleFileParser.Parse("""{"rules": []}""").Errors);
        Assert.Contains("security_group_rules", wrongShape.Message, StringComparison.Ordinal);

        var notObject = RuleFileParser.Parse("""{"security_group_rules": [{"direction": "ingress"}, 5]}""");
        Assert.Single(notObject.Rows);
        Assert.Equal("rule 2", Assert.Single(notObject.Errors).Where);
    }

    [Fact]
    public void Csv_with_a_header_row_gives_rules_with_empty_cells_absent()
    {
        var result = RuleFileParser.Parse(
            "direction,protocol,port_range_min,port_range_max,remote_ip_prefix,description\r\n" +
            "ingress,tcp,443,443,0.0.0.0/0,\"web, public\"\r\n" +
            "\r\n" +
            "egress,,,,,\n");

        Assert.Empty(result.Errors);
        Assert.Equal(2, result.Rows.Count);
        Assert.Equal("line 2", result.Rows[0].Where);
        Assert.Equal(443, result.Rows[0].Input.PortRangeMin.Integer);
        Assert.Equal("web, public", result.Rows[0].Input.Description.Text);
        Assert.True(result.Rows[0].Input.Ethertype.IsAbsent);
        Assert.Equal("line 4", result.Rows[1].Where);
        Assert.True(result.Rows[1].Input.Protocol.IsAbsent);
        Assert.True(result.Rows[1].Input.PortRangeMin.IsAbsent);
    }

    [Fact]
    public void Csv_bad_lines_are_named_and_the_good_ones_kept()
    {
        var result = RuleFileParser.Parse(
            "direction,protocol,port_range_min\n" +
            "ingress,tcp,22\n" +
            "ingress,tcp\n" +
            "ingress,udp,x\n");

        Assert.Equal(2, result.Rows.Count);
        var error = Assert.Single(result.Errors);
        Assert.Equal("line 3", error.Where);
        Assert.Contains("2 fields", error.Message, StringComparison.Ordinal);
        // A port that is not a number is passed on as text: the shared validator names it in the dry run.
        Assert.Equal(InputKind.String, result.Rows[1].Input.PortRangeMin.Kind);
    }

    [Fact]
    public void Csv_unknown_column_or_no_direction_refuses_the_file()
    {
        var unknown = Assert.Single(RuleFileParser.Parse("direction,port\ningress,22\n").Errors);
        Assert.Equal("line 1", unknown.Where);
        Assert.Contains("“port”", unknown.Message, StringComparison.Ordinal);

        Assert.Contains("direction", Assert.Single(RuleFileParser.Parse("protocol\ntcp\n").Errors).Message, StringComparison.Ordinal);
        Assert.Equal("file", Assert.Single(RuleFileParser.Parse("  \n").Errors).Where);
    }

    [Fact]
    public void Csv_quote_not_closed_is_an_error()
    {
        var result = RuleFileParser.Parse("direction,description\ningress,\"open\n");
        Assert.Contains(result.Errors, e => e.Where == "line 2" && e.Message.Contains("not closed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("csv")]
    public void Export_then_parse_gives_back_every_field(string format)
    {
        SecurityGroupRule[] rules =
        [
            Rule("ingress", "IPv4", "tcp", 22, 22, "10.0.0.1/8", null, "ssh, \"admins\""),
            Rule("ingress", "IPv6", "udp", 53, 53, null, "6f1c0e8e-0000-4000-8000-000000000001", ""),
            Rule("egress", "IPv4", null, null, null, null, null, " edge spaces "),
        ];
        var text = format == "json" ? RuleFileWriter.ToJson(rules) : RuleFileWriter.ToCsv(rules);

        var result = RuleFileParser.Parse(text);

        Assert.Empty(result.Errors);
        Assert.Equal(rules.Length, result.Rows.Count);
        for (var i = 0; i < rules.Length; i++)
        {
            var input = result.Rows[i].Input;
            input.SecurityGroupId = InputValue.FromString("g");
            var parsed = RuleValidator.Validate(input);
            Assert.True(parsed.IsValid, parsed.Error?.Message);
            var original = RuleValidator.Validate(RuleInput.FromForm("g", rules[i].Direction, rules[i].Ethertype, rules[i].Protocol, rules[i].PortRangeMin,
                rules[i].PortRangeMax, rules[i].RemoteIpPrefix, rules[i].RemoteGroupId, rules[i].Description));
            Assert.Equal(original.Rule, parsed.Rule);
        }
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")")]
    [InlineData("+1")]
    [InlineData("-admins")]
    [InlineData("@SUM(A1)")]
    public void Csv_export_keeps_spreadsheets_from_running_a_description_and_imports_it_as_it_was(string description)
    {
        var csv = RuleFileWriter.ToCsv([Rule("ingress", "IPv4", "tcp", 80, 80, "0.0.0.0/0", null, description)]);

        var cell = csv.Split("\r\n")[1].Split(',', 9)[8].Trim('"');
        Assert.StartsWith("'", cell, StringComparison.Ordinal);
        var parsed = Assert.Single(RuleFileParser.Parse(csv).Rows).Input;
        Assert.Equal(description, parsed.Description.Text);
    }

    [Fact]
    public void Csv_export_has_the_header_row_of_every_field()
    {
        var csv = RuleFileWriter.ToCsv([Rule("ingress", "IPv4", "tcp", 80, 80, "0.0.0.0/0", null, "")]);
        var lines = csv.Split("\r\n");
        Assert.Equal("direction,ethertype,protocol,port_range_min,port_range_max,remote_ip_prefix,remote_group_id,remote_address_group_id,description", lines[0]);
        Assert.Equal("ingress,IPv4,tcp,80,80,0.0.0.0/0,,,", lines[1]);
    }

    private static SecurityGroupRule Rule(string direction, string ethertype, string? protocol, int? min, int? max, string? prefix, string? remoteGroup, string description) => new()
    {
        Id = Guid.NewGuid().ToString(),
        SecurityGroupId = "g",
        TenantId = "t",
        Direction = direction,
        Ethertype = ethertype,
        Protocol = protocol,
        PortRangeMin = min,
        PortRangeMax = max,
        RemoteIpPrefix = prefix,
        RemoteGroupId = remoteGroup,
        Description = description,
        DuplicateKey = "",
    };
}
