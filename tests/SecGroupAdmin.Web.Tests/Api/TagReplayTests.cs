using System.Text.Json.Nodes;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// Replays, in order, every row of <see cref="TagObservations"/> (what the reference Neutron Zed answered to tag
/// requests) against our API over Kestrel and SQLite: status, NeutronError type and exact message, and the recorded
/// shape of success bodies.
/// </summary>
public class TagReplayTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    [Fact]
    public async Task Every_tag_row_answers_like_the_reference()
    {
        var vars = new Dictionary<string, string> { ["A"] = host.TenantA, ["B"] = host.TenantB };
        var clients = new Dictionary<string, HttpClient>();
        HttpClient ClientFor(string who)
        {
            var token = who switch
            {
                TagObservations.ProjA => "memberA",
                TagObservations.ProjB => "memberB",
                TagObservations.ReaderA => "readerA",
                TagObservations.Admin => "cloudAdmin",
                _ => throw new ArgumentOutOfRangeException(nameof(who)),
            };
            if (!clients.TryGetValue(token, out var client))
            {
                clients[token] = client = host.Client(token);
            }
            return client;
        }

        var rows = TagObservations.Rows;
        Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => r.N));
        foreach (var row in rows)
        {
            foreach (var (method, path, body, expectedStatus) in row.Setup)
            {
                var (setupStatus, _) = await ApiTestHost.SendAsync(ClientFor(row.Who), method, ReferenceReplayTests.Sub(path, vars),
                    body is null ? null : ReferenceReplayTests.Sub(body, vars));
                Assert.True(expectedStatus == setupStatus, $"row {row.N} setup {method} {path}: {setupStatus}");
            }
            var (status, actual) = await ApiTestHost.SendAsync(ClientFor(row.Who), row.Method, ReferenceReplayTests.Sub(row.Path, vars),
                row.Body is null ? null : ReferenceReplayTests.Sub(row.Body, vars));
            var where = $"row {row.N} ({row.Case}) {row.Method} {row.Path} → {actual?.ToJsonString()}";
            Assert.True(row.Status == status, $"{where}: expected status {row.Status}, got {status}");
            row.Capture?.Invoke(actual, vars);
            if (row.Type is not null)
            {
                var error = actual?["NeutronError"];
                Assert.True(error is not null, $"{where}: expected a NeutronError");
                Assert.True(row.Type == (string?)error!["type"], $"{where}: expected type {row.Type}");
                Assert.True(ReferenceReplayTests.Sub(row.Message!, vars) == (string?)error["message"], $"{where}: expected message {ReferenceReplayTests.Sub(row.Message!, vars)}");
                Assert.True("" == (string?)error["detail"], $"{where}: detail");
            }
            else if (row.Status is 204 or 201 && row.Method == "PUT" && row.Path.Contains("/tags/", StringComparison.Ordinal))
            {
                Assert.True(actual is null, $"{where}: no body (204) or null (201)");
            }
            var expected = row.ExpectFn?.Invoke(vars) ?? row.Expect;
            if (expected is not null)
            {
                var expectedNode = JsonNode.Parse(ReferenceReplayTests.Sub(expected, vars));
                var mismatch = ReferenceReplayTests.SubsetMismatch(expectedNode, actual, "$") ??
                    (row.Exact ? ReferenceReplayTests.SubsetMismatch(actual, expectedNode, "$") : null);
                Assert.True(mismatch is null, $"{where}: {mismatch}");
            }
            row.Check?.Invoke(actual, vars, where);
        }
    }
}
