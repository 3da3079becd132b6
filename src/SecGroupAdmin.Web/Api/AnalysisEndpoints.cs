using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SecGroupAdmin.Domain.Analysis;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Analysis;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// The traffic analysis API (issue #17), authenticated like <c>/v2.0</c> (API tokens, NeutronError bodies):
/// <c>POST /api/analysis/flow</c> (what-if on a port), <c>GET /api/security-groups/{id}/findings</c> and
/// <c>GET /api/ports/{id}/effective-rules</c>.
/// </summary>
public static class AnalysisEndpoints
{
    private static readonly HashSet<string> FlowFields =
        ["port_id", "direction", "ethertype", "protocol", "port", "icmp_type", "icmp_code", "remote_ip", "remote_port_id"];

    public static IEndpointRouteBuilder MapAnalysisApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").ExcludeFromDescription();
        api.Map("/analysis/flow", ApiRequest.Dispatch(("POST", FlowAsync)));
        api.Map("/security-groups/{id}/findings", ApiRequest.Dispatch(("GET", FindingsAsync)));
        api.Map("/ports/{id}/effective-rules", ApiRequest.Dispatch(("GET", EffectiveRulesAsync)));
        return app;
    }

    private static async Task<IResult> FlowAsync(HttpContext context, Caller caller)
    {
        var body = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted);
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new NeutronException(NeutronErrors.BadRequest("The body must be a JSON object."));
        }
        foreach (var property in body.EnumerateObject())
        {
            if (!FlowFields.Contains(property.Name))
            {
                throw new NeutronException(NeutronErrors.InvalidInputFor(property.Name, "unknown field"));
            }
        }
        var query = new FlowQuery(
            Text(body, "port_id") ?? throw new NeutronException(NeutronErrors.InvalidInputFor("port_id", "port_id is required")),
            Text(body, "direction") ?? throw new NeutronException(NeutronErrors.InvalidInputFor("direction", "direction is required (ingress or egress)")),
            Text(body, "ethertype"),
            Protocol(body),
            Number(body, "port"),
            Number(body, "icmp_type"),
            Number(body, "icmp_code"),
            Text(body, "remote_ip"),
            Text(body, "remote_port_id"));
        var service = context.RequestServices.GetRequiredService<AnalysisService>();
        var verdict = await service.CheckFlowAsync(caller, query, context.RequestAborted);
        if (!verdict.IsValid)
        {
            throw new NeutronException(NeutronErrors.InvalidInputFor(verdict.InvalidField!, verdict.Reason.TrimEnd('.')));
        }
        var matching = new JsonArray();
        foreach (var rule in verdict.MatchingRules)
        {
            matching.Add(new JsonObject { ["id"] = rule.RuleId, ["security_group_id"] = rule.SecurityGroupId });
        }
        return NeutronResults.Json(new JsonObject { ["allowed"] = verdict.Allowed, ["matching_rules"] = matching, ["reason"] = verdict.Reason });
    }

    private static async Task<IResult> FindingsAsync(HttpContext context, Caller caller)
    {
        var service = context.RequestServices.GetRequiredService<AnalysisService>();
        var findings = await service.GroupFindingsAsync(caller, (string)context.GetRouteValue("id")!, context.RequestAborted);
        var list = new JsonArray();
        foreach (var finding in findings)
        {
            list.Add(new JsonObject
            {
                ["kind"] = finding.KindText,
                ["rule_id"] = finding.RuleId,
                ["covered_by"] = new JsonArray([.. finding.CoveredBy.Select(id => JsonValue.Create(id))]),
                ["reason"] = finding.Reason,
            });
        }
        return NeutronResults.Json(new JsonObject { ["findings"] = list });
    }

    /// <summary>
    /// What a port allows: <c>{"port_id", "port_security_enabled", "allows_everything", "notes", "groups": [{"direction",
    /// "ethertype", "protocol", "rules": [{ports or ICMP, "remote_ip_prefix", "text", "sources": [{"rule_id",
    /// "security_group_id", "via"}]}]}]}</c>, one group per direction, ethertype and protocol, in the Domain's order.
    /// </summary>
    private static async Task<IResult> EffectiveRulesAsync(HttpContext context, Caller caller)
    {
        var service = context.RequestServices.GetRequiredService<AnalysisService>();
        var analysis = await service.EffectiveRulesAsync(caller, (string)context.GetRouteValue("id")!, context.RequestAborted);
        var groups = new JsonArray();
        foreach (var section in EffectiveRuleSections.Of(analysis.Effective.Rules))
        {
            var lines = new JsonArray();
            foreach (var line in section.Lines)
            {
                var sources = new JsonArray();
                foreach (var source in line.Sources)
                {
                    sources.Add(new JsonObject { ["rule_id"] = source.RuleId, ["security_group_id"] = source.SecurityGroupId, ["via"] = source.Via });
                }
                var item = new JsonObject();
                if (section.IsIcmp)
                {
                    item["icmp_type"] = line.PortRangeMin;
                    item["icmp_code"] = line.PortRangeMax;
                }
                else
                {
                    item["port_range_min"] = line.PortRangeMin;
                    item["port_range_max"] = line.PortRangeMax;
                }
                item["remote_ip_prefix"] = line.Remote;
                item["text"] = line.Text;
                item["sources"] = sources;
                lines.Add(item);
            }
            groups.Add(new JsonObject
            {
                ["direction"] = section.Direction,
                ["ethertype"] = section.Ethertype,
                ["protocol"] = section.Protocol,
                ["rules"] = lines,
            });
        }
        return NeutronResults.Json(new JsonObject
        {
            ["port_id"] = analysis.Port.Id,
            ["port_security_enabled"] = analysis.Port.PortSecurityEnabled,
            ["allows_everything"] = analysis.Effective.AllowsEverything,
            ["notes"] = new JsonArray([.. analysis.Effective.Notes.Select(n => JsonValue.Create(n))]),
            ["groups"] = groups,
        });
    }

    private static string? Text(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String && value.GetString()!.Length <= 255
            ? value.GetString()
            : throw new NeutronException(NeutronErrors.InvalidStringInput(name, JsonInput.From(value).Display));
    }

    /// <summary>The protocol as a name or a number (a JSON number is read as its decimal text).</summary>
    private static string? Protocol(JsonElement body)
    {
        if (body.TryGetProperty("protocol", out var value) && value.ValueKind == JsonValueKind.Number)
        {
            return value.TryGetInt32(out var number)
                ? number.ToString(CultureInfo.InvariantCulture)
                : throw new NeutronException(NeutronErrors.InvalidInputFor("protocol", $"'{value.GetRawText()}' is not a protocol number"));
        }
        return Text(body, "protocol");
    }

    /// <summary>A whole number (or its decimal text); the range is the Domain's to check.</summary>
    private static int? Number(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }
        if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            return number;
        }
        throw new NeutronException(NeutronErrors.InvalidInputFor(name, $"'{JsonInput.From(value).Display}' is not an integer"));
    }
}
