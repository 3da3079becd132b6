using System.Text.Json.Nodes;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// Replays, in order, every request of the reference-observations table (98 rows sent to a real Neutron Zed
/// server) against our API and asserts status, NeutronError type and exact message, and the normalised fields
/// of success bodies. The table itself lives in <see cref="ReferenceObservations"/>.
/// </summary>
public class ReferenceReplayTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    [Fact]
    public async Task Every_reference_row_answers_like_the_reference()
    {
        var vars = new Dictionary<string, string> { ["A"] = host.TenantA, ["B"] = host.TenantB };
        var clients = new Dictionary<string, HttpClient>();
        HttpClient ClientFor(string who)
        {
            var token = who switch
            {
                ReferenceObservations.ProjA => "memberA",
                ReferenceObservations.ProjB => "memberB",
                ReferenceObservations.Admin => "cloudAdmin",
                _ => null,
            };
            var key = token ?? "-";
            if (!clients.TryGetValue(key, out var client))
            {
                clients[key] = client = host.Client(token);
            }
            return client;
        }

        var rows = ReferenceObservations.Rows;
        Assert.Equal(Enumerable.Range(1, 98), rows.Select(r => r.N));
        foreach (var row in rows)
        {
            row.Before?.Invoke(vars);
            foreach (var (method, path, body, status) in row.Setup)
            {
                var (s, b) = await ApiTestHost.SendAsync(ClientFor(row.Who), method, Sub(path, vars), body is null ? null : Sub(body, vars));
                Assert.True(s == status, $"row {row.N} setup {method} {path}: expected {status}, got {s}: {b?.ToJsonString()}");
            }
            var (actualStatus, actual) = await ApiTestHost.SendAsync(ClientFor(row.Who), row.Method, Sub(row.Path, vars), row.Body is null ? null : Sub(row.Body, vars));
            var where = $"row {row.N} ({row.Case}) {row.Method} {row.Path} → {actual?.ToJsonString()}";
            Assert.True(row.Status == actualStatus, $"{where}: expected status {row.Status}, got {actualStatus}");
            row.Capture?.Invoke(actual, vars);
            if (row.Type is not null)
            {
                var error = actual?["NeutronError"];
                Assert.True(error is not null, $"{where}: expected a NeutronError");
                Assert.True(row.Type == (string?)error!["type"], $"{where}: expected type {row.Type}");
                Assert.True(Sub(row.Message!, vars) == (string?)error["message"], $"{where}: expected message {Sub(row.Message!, vars)}");
                Assert.True("" == (string?)error["detail"], $"{where}: detail");
            }
            else if (row.Status == 204)
            {
                Assert.True(actual is null, $"{where}: 204 must have no body");
            }
            var expected = row.ExpectFn?.Invoke(vars) ?? row.Expect;
            if (expected is not null)
            {
                var expectedNode = JsonNode.Parse(Sub(expected, vars));
                if (row.Exact)
                {
                    var mismatch = SubsetMismatch(expectedNode, actual, "$") ?? SubsetMismatch(actual, expectedNode, "$");
                    Assert.True(mismatch is null, $"{where}: expected exactly {expectedNode?.ToJsonString()}: {mismatch}");
                }
                else
                {
                    var mismatch = SubsetMismatch(expectedNode, actual, "$");
                    Assert.True(mismatch is null, $"{where}: {mismatch}");
                }
            }
            row.Check?.Invoke(actual, vars, where);
        }
    }

    internal static string Sub(string text, IReadOnlyDictionary<string, string> vars)
    {
        foreach (var (name, value) in vars)
        {
            text = text.Replace("@" + name + "@", value, StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>Null when every key of <paramref name="expected"/> objects is in <paramref name="actual"/> with a matching value (arrays: same length, element-wise).</summary>
    internal static string? SubsetMismatch(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case JsonObject eo:
                if (actual is not JsonObject ao)
                {
                    return $"{path}: expected an object, got {actual?.ToJsonString() ?? "null"}";
                }
                foreach (var (key, value) in eo)
                {
                    if (!ao.ContainsKey(key))
                    {
                        return $"{path}.{key}: missing";
                    }
                    if (SubsetMismatch(value, ao[key], $"{path}.{key}") is { } m)
                    {
                        return m;
                    }
                }
                return null;
            case JsonArray ea:
                if (actual is not JsonArray aa || aa.Count != ea.Count)
                {
                    return $"{path}: expected {ea.Count} items, got {actual?.ToJsonString() ?? "null"}";
                }
                for (var i = 0; i < ea.Count; i++)
                {
                    if (SubsetMismatch(ea[i], aa[i], $"{path}[{i}]") is { } m)
                    {
                        return m;
                    }
                }
                return null;
            default:
                return JsonNode.DeepEquals(expected, actual) ? null : $"{path}: expected {expected?.ToJsonString() ?? "null"}, got {actual?.ToJsonString() ?? "null"}";
        }
    }
}
