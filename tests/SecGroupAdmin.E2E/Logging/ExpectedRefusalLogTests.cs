using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.Live;

namespace SecGroupAdmin.E2E.Logging;

/// <summary>
/// Expected refusals (a duplicate rule's 409, a refused hub join) are answered without Error-level log entries and
/// without stack traces: the real app over Kestrel, its logs captured at every level.
/// </summary>
public sealed class ExpectedRefusalLogTests : IAsyncLifetime, IDisposable
{
    private readonly CapturedLogs logs = new();
    private TestAppHost app = null!;
    private string tokenA = "";
    private string tenantB = "";

    public async Task InitializeAsync()
    {
        app = TestAppHost.Start(new TestAppOptions
        {
            AdminEmail = "root@logs.test",
            // The app's own log filters apply, as for any provider an operator adds.
            Configure = b => b.ConfigureLogging(logging => logging.AddProvider(logs)),
        });
        var member = await app.People.PersonAsync("member@logs.test", Role.Member, "logsA");
        tokenA = await app.People.TokenAsync(member, "logsA");
        tenantB = (await app.People.TenantAsync("logsB")).Id;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    public void Dispose() => logs.Dispose();

    [Fact]
    public async Task A_duplicate_rule_409_logs_no_error_and_no_exception()
    {
        using var client = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Auth-Token", tokenA);
        var group = await client.PostAsJsonAsync("/v2.0/security-groups", new { security_group = new { name = "dup" } });
        Assert.Equal(HttpStatusCode.Created, group.StatusCode);
        var groupId = (string)JsonNode.Parse(await group.Content.ReadAsStringAsync())!["security_group"]!["id"]!;
        var rule = new { security_group_rule = new { security_group_id = groupId, direction = "ingress", protocol = "tcp", port_range_min = 22, port_range_max = 22, remote_ip_prefix = "0.0.0.0/0" } };
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/v2.0/security-group-rules", rule)).StatusCode);
        var before = logs.Entries.Count;

        var duplicate = await client.PostAsJsonAsync("/v2.0/security-group-rules", rule);

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Contains("SecurityGroupRuleExists", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        AssertQuiet(logs.Entries.Skip(before).ToList());
    }

    [Fact]
    public async Task A_refused_hub_join_logs_no_error_and_no_exception()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(app.BaseUrl + ChangesHub.Path, o => o.AccessTokenProvider = () => Task.FromResult<string?>(tokenA))
            .Build();
        await connection.StartAsync();
        var before = logs.Entries.Count;
        try
        {
            var refusal = await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("JoinTenant", tenantB));
            Assert.Contains("Not allowed", refusal.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<HubException>(() => connection.InvokeAsync("JoinGroup", "no-such-group"));
        }
        finally
        {
            await connection.DisposeAsync();
        }
        var entries = logs.Entries.Skip(before).ToList();
        AssertQuiet(entries);
        // Still recorded, at Information, for whoever looks.
        Assert.Contains(entries, e => e.Level == LogLevel.Information && e.Message.StartsWith("ChangesHub.JoinTenant refused: Not allowed", StringComparison.Ordinal));
    }

    private static void AssertQuiet(IReadOnlyList<LogEntry> entries)
    {
        var loud = entries.Where(e => e.Level >= LogLevel.Warning || e.Exception is not null).ToList();
        Assert.True(loud.Count == 0, "expected no warning, error or exception entries, got:\n" + string.Join("\n", loud));
    }
}
