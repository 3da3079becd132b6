using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Data;
using SecGroupAdmin.Web.Analysis;
using SecGroupAdmin.Web.Tests.Api;

namespace SecGroupAdmin.Web.Tests.Analysis;

/// <summary>
/// The model load reads what the question touches, by key, not whole tables: every SQL command it sends is recorded
/// and each one is filtered (has a WHERE), there are at most a handful of them, and rows it has no business reading
/// (another group's rules, ports in no remote group, an address group no rule names) are not in the model.
/// </summary>
public class AnalysisModelLoadTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    private async Task<string> CreateAsync(string path, string body, string key)
    {
        var (status, json) = await ApiTestHost.SendAsync(host.Client("memberA"), "POST", path, body);
        Assert.True(status == 201, json?.ToJsonString());
        return (string)json![key]!["id"]!;
    }

    private Task<string> GroupAsync(string name) =>
        CreateAsync("/v2.0/security-groups", $$$"""{"security_group": {"name": "{{{name}}}"}}""", "security_group");

    private Task<string> RuleAsync(string group, string remote) =>
        CreateAsync("/v2.0/security-group-rules",
            $$$"""{"security_group_rule": {"security_group_id": "{{{group}}}", "direction": "ingress", "ethertype": "IPv4", "protocol": "tcp"{{{remote}}}}}""",
            "security_group_rule");

    private Task<string> PortAsync(string group, string ip) =>
        CreateAsync("/v2.0/ports", $$$"""{"port": {"network_id": "net-1", "security_groups": ["{{{group}}}"], "fixed_ips": [{"ip_address": "{{{ip}}}"}]}}""", "port");

    [Fact]
    public async Task Loading_a_groups_model_reads_only_its_rules_remote_members_and_address_groups()
    {
        var web = await GroupAsync("load-web");
        var db = await GroupAsync("load-db");
        var unrelated = await GroupAsync("load-unrelated");
        var addressGroup = await CreateAsync("/v2.0/address-groups", """{"address_group": {"name": "load-ag", "addresses": ["10.80.0.0/24"]}}""", "address_group");
        await CreateAsync("/v2.0/address-groups", """{"address_group": {"name": "load-ag-unused", "addresses": ["10.81.0.0/24"]}}""", "address_group");
        var fromWeb = await RuleAsync(db, $$""", "remote_group_id": "{{web}}" """);
        var fromAg = await RuleAsync(db, $$""", "remote_address_group_id": "{{addressGroup}}" """);
        await RuleAsync(unrelated, """, "remote_ip_prefix": "10.82.0.0/16" """);
        var web1 = await PortAsync(web, "10.83.0.1");
        var web2 = await PortAsync(web, "10.83.0.2");
        await PortAsync(unrelated, "10.83.0.3");

        var commands = new ConcurrentQueue<string>();
        var options = new DbContextOptionsBuilder<AppDbContext>(host.Factory.Services.GetRequiredService<DbContextOptions<AppDbContext>>())
            .AddInterceptors(new Recorder(commands)).Options;
        await using var context = new AppDbContext(options);

        var model = await AnalysisModelLoader.LoadAsync(context, [db], [], CancellationToken.None);

        Assert.Contains(model.Rules, r => r.Id == fromWeb);
        Assert.Contains(model.Rules, r => r.Id == fromAg);
        Assert.All(model.Rules, r => Assert.Equal(db, r.SecurityGroupId));
        Assert.Equal(new[] { web1, web2 }.Order(StringComparer.Ordinal), model.Ports.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Equal(["10.83.0.1"], model.FindPort(web1)!.FixedIps);
        Assert.Equal([addressGroup], model.AddressGroups.Select(a => a.Id));
        Assert.Equal(["10.80.0.0/24"], model.AddressGroups[0].Addresses);

        Assert.InRange(commands.Count, 1, 6);
        Assert.All(commands, c => Assert.Contains("WHERE", c, StringComparison.Ordinal));
    }

    private sealed class Recorder(ConcurrentQueue<string> commands) : DbCommandInterceptor
    {
        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            commands.Enqueue(command.CommandText);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            commands.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }
}
