using System.Text.Json.Nodes;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// Replays, in order, every row of <see cref="RbacObservations"/> (what the reference Neutron Zed answered to
/// RBAC sharing requests) against our API over Kestrel and SQLite: status, NeutronError type and exact message, and
/// the recorded shape of success bodies.
/// </summary>
public class RbacReplayTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    [Fact]
    public async Task Every_rbac_row_answers_like_the_reference()
    {
        var vars = new Dictionary<string, string> { ["A"] = host.TenantA, ["B"] = host.TenantB };
        var clients = new Dictionary<string, HttpClient>();
        HttpClient ClientFor(string who)
        {
            var token = who switch
            {
                RbacObservations.ProjA => "memberA",
                RbacObservations.ProjB => "memberB",
                RbacObservations.ReaderA => "readerA",
                RbacObservations.Admin => "cloudAdmin",
                _ => throw new ArgumentOutOfRangeException(nameof(who)),
            };
            if (!clients.TryGetValue(token, out var client))
            {
                clients[token] = client = host.Client(token);
            }
            return client;
        }

        var rows = RbacObservations.Rows;
        Assert.Equal(Enumerable.Range(1, rows.Count), rows.Select(r => r.N));
        foreach (var row in rows)
        {
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
            else if (row.Status == 204)
            {
                Assert.True(actual is null, $"{where}: 204 must have no body");
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
