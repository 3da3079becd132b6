using System.Text.Json.Nodes;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// Replays recorded reference answers (<see cref="ReplayRow"/>s), in order, against an <see cref="ApiTestHost"/>: each
/// row's setup requests, then the request as its caller (projA → memberA, projB → memberB, readerA, admin →
/// cloudAdmin), and its status, NeutronError type and exact message, the body it expects and its own checks. Ids go
/// from earlier answers to later rows through placeholders (@A@ and @B@ are the tenants).
/// </summary>
public static class ObservationReplay
{
    public static async Task RunAsync(ApiTestHost host, IReadOnlyList<ReplayRow> rows)
    {
        var vars = new Dictionary<string, string> { ["A"] = host.TenantA, ["B"] = host.TenantB };
        var clients = new Dictionary<string, HttpClient>();
        HttpClient ClientFor(string who)
        {
            var token = who switch
            {
                "projA" => "memberA",
                "projB" => "memberB",
                "readerA" => "readerA",
                "admin" => "cloudAdmin",
                _ => throw new ArgumentOutOfRangeException(nameof(who)),
            };
            if (!clients.TryGetValue(token, out var client))
            {
                clients[token] = client = host.Client(token);
            }
            return client;
        }

        Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => r.N));
        foreach (var row in rows)
        {
            foreach (var (method, path, body, expectedStatus) in row.Setup)
            {
                var (setupStatus, _) = await ApiTestHost.SendAsync(ClientFor(row.Who), method, ReferenceReplayTests.Sub(path, vars),
                    body is null ? null : ReferenceReplayTests.Sub(body, vars));
                Assert.True(expectedStatus == setupStatus, $"row {row.N} setup {method} {path}: {setupStatus}");
            }
            int status;
            JsonNode? actual;
            try
            {
                (status, actual) = await ApiTestHost.SendAsync(ClientFor(row.Who), row.Method, ReferenceReplayTests.Sub(row.Path, vars),
                    row.Body is null ? null : ReferenceReplayTests.Sub(row.Body, vars));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new InvalidOperationException($"row {row.N} ({row.Case}) {row.Method} {row.Path}: {e.Message}", e);
            }
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
            else if (row.Status == 204 || (row.Status == 201 && row.Method == "PUT" && row.Path.Contains("/tags/", StringComparison.Ordinal)))
            {
                Assert.True(actual is null, $"{where}: no body (204, or a tag's 201)");
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
