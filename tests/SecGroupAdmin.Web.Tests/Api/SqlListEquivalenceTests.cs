using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.AddressGroups;
using SecGroupAdmin.Data.Ports;
using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Web.Api;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Hosting;
using SecGroupAdmin.Web.Tests.Services;

namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// The lists answered from SQL (<see cref="GroupList"/>, <see cref="RuleList"/>, <see cref="PortList"/>) against the
/// in-memory <see cref="ListQuery.Apply"/> they replace, byte for byte, on random data (names that differ only in case
/// or by a non-ASCII letter, null and "" descriptions, timestamps that share a second, numbers and nulls) and random
/// queries: filters with repeated values, booleans and numbers in every spelling, <c>fields</c>, sort keys in both
/// directions, limits, markers (known, unknown, filtered out), <c>page_reverse</c> and the links.
/// </summary>
public abstract class SqlListEquivalenceTests(ServiceTestHost host) : IDisposable
{
    private const int Queries = 150;
    private static readonly string[] Names = ["web", "Web", "db", "default", "a", "é", "z", "", "web ", "None"];
    private static readonly string[] Descriptions = ["", "x", "None", "db tier", "Zeta", "ünicode"];
    private static readonly string?[] Protocols = [null, "tcp", "udp", "6", "icmp"];
    private static readonly int?[] PortNumbers = [null, 0, 22, 80, 443, 8080];
    private static readonly string?[] Prefixes = [null, "10.0.0.0/8", "0.0.0.0/0", "::/0"];
    private static readonly string?[] RuleDescriptions = [null, "", "ssh", "None"];
    private static readonly HashSet<string> BooleanSpellings = ["true", "1", "yes", "on", "t", "y", "false", "0", "no", "off", "f", "n"];
    private static readonly string[] OddValues = ["", "None", "true", "1", "yes", "on", "t", "Y", "false", "0", "no", "off", "F", "x", "022", "+22", "-1", "99999999999999999999999", "2.0"];
    private static readonly DateTime Start = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private readonly Random random = new(13);
    private readonly List<SecurityGroup> groups = [];

    public void Dispose()
    {
        host.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Group_lists_from_SQL_equal_the_in_memory_lists()
    {
        await SeedAsync();
        foreach (var caller in new[] { host.CloudAdmin, host.MemberA })
        {
            for (var i = 0; i < Queries; i++)
            {
                var text = RandomQuery(SecurityGroupEndpoints.Filterable, SecurityGroupEndpoints.Sortable, GroupViews(null));
                var request = Request("/v2.0/security-groups", text);
                var query = ListQuery.Parse(request.Query, SecurityGroupEndpoints.Filterable, SecurityGroupEndpoints.Sortable);
                var project = query.Filter("project_id")?.FirstOrDefault() ?? query.Filter("tenant_id")?.FirstOrDefault();
                var expected = query.Apply(GroupViews(caller, project), "security_groups", request).ToJsonString();
                var actual = await WriteAsync((w, f) => GroupList.WriteAsync(w, () => Task.CompletedTask, f, caller, project, query, request, default));
                Assert.True(expected == actual, $"{caller.UserName} ?{text}\nexpected {expected}\nactual   {actual}");
            }
        }
    }

    [Fact]
    public async Task Rule_lists_from_SQL_equal_the_in_memory_lists()
    {
        await SeedAsync();
        foreach (var caller in new[] { host.CloudAdmin, host.MemberA })
        {
            for (var i = 0; i < Queries; i++)
            {
                var text = RandomQuery(SecurityGroupRuleEndpoints.Filterable, SecurityGroupRuleEndpoints.Sortable, RuleViews(null));
                var request = Request("/v2.0/security-group-rules", text);
                var query = ListQuery.Parse(request.Query, SecurityGroupRuleEndpoints.Filterable, SecurityGroupRuleEndpoints.Sortable);
                var expected = query.Apply(RuleViews(caller), "security_group_rules", request).ToJsonString();
                var actual = await WriteAsync((w, f) => RuleList.WriteAsync(w, () => Task.CompletedTask, f, caller, query, request, default));
                Assert.True(expected == actual, $"{caller.UserName} ?{text}\nexpected {expected}\nactual   {actual}");
            }
        }
    }

    [Fact]
    public async Task Port_lists_from_SQL_equal_the_in_memory_lists()
    {
        await SeedAsync();
        foreach (var caller in new[] { host.CloudAdmin, host.MemberA })
        {
            for (var i = 0; i < Queries; i++)
            {
                var text = RandomQuery(PortEndpoints.Filterable, PortEndpoints.Sortable, PortViews(null));
                var request = Request("/v2.0/ports", text);
                var query = ListQuery.Parse(request.Query, PortEndpoints.Filterable, PortEndpoints.Sortable);
                var expected = query.Apply(PortViews(caller), "ports", request).ToJsonString();
                var actual = await WriteAsync((w, f) => PortList.WriteAsync(w, () => Task.CompletedTask, f, caller, query, request, default));
                Assert.True(expected == actual, $"{caller.UserName} ?{text}\nexpected {expected}\nactual   {actual}");
            }
        }
    }

    [Theory]
    [InlineData("name=web&name=db")]
    [InlineData("description=None")]
    [InlineData("fields=id&fields=name")]
    [InlineData("fields=id,security_group_rules&limit=3")]
    [InlineData("sort_key=name&sort_dir=asc&limit=4")]
    [InlineData("sort_key=name&sort_dir=desc&sort_key=created_at&sort_dir=asc&limit=4")]
    [InlineData("sort_key=stateful&sort_dir=desc&sort_key=revision_number&sort_dir=asc")]
    [InlineData("sort_key=updated_at&sort_dir=desc&limit=5&page_reverse=True")]
    [InlineData("limit=0")]
    [InlineData("limit=5&marker=00000000-0000-0000-0000-000000000000")]
    [InlineData("stateful=yes&limit=2&page_reverse=true")]
    public async Task Each_parameter_on_its_own_gives_what_the_in_memory_list_gives(string text)
    {
        await SeedAsync();
        var request = Request("/v2.0/security-groups", text);
        var query = ListQuery.Parse(request.Query, SecurityGroupEndpoints.Filterable, SecurityGroupEndpoints.Sortable);
        var expected = query.Apply(GroupViews(host.CloudAdmin), "security_groups", request).ToJsonString();
        var actual = await WriteAsync((w, f) => GroupList.WriteAsync(w, () => Task.CompletedTask, f, host.CloudAdmin, null, query, request, default));
        Assert.Equal(expected, actual);
        Assert.NotEqual("{\"security_groups\":[]}", actual);
    }

    [Fact]
    public async Task Pages_followed_by_their_next_and_previous_links_walk_the_whole_list_both_ways()
    {
        await SeedAsync();
        var all = GroupViews(host.CloudAdmin).OrderBy(g => (string)g["name"]!, StringComparer.Ordinal).ThenBy(g => (string)g["id"]!, StringComparer.Ordinal)
            .Select(g => (string)g["id"]!).ToList();
        var seen = new List<string>();
        var text = "sort_key=name&sort_dir=asc&limit=7&fields=id";
        while (true)
        {
            var page = JsonNode.Parse(await GroupPageAsync(text))!;
            seen.AddRange(page["security_groups"]!.AsArray().Select(g => (string)g!["id"]!));
            var next = page["security_groups_links"]?.AsArray().FirstOrDefault(l => (string)l!["rel"]! == "next");
            if (next is null)
            {
                break;
            }
            text = new Uri((string)next["href"]!).Query.TrimStart('?');
        }
        Assert.Equal(all, seen);

        // Back from the last page by the previous links.
        var back = new List<string>();
        text = $"sort_key=name&sort_dir=asc&limit=7&fields=id&marker={Uri.EscapeDataString(all[^1])}";
        back.Insert(0, all[^1]);
        while (true)
        {
            var page = JsonNode.Parse(await GroupPageAsync(text + (text.Contains("page_reverse", StringComparison.Ordinal) ? "" : "&page_reverse=True")))!;
            back.InsertRange(0, page["security_groups"]!.AsArray().Select(g => (string)g!["id"]!));
            var previous = page["security_groups_links"]?.AsArray().FirstOrDefault(l => (string)l!["rel"]! == "previous");
            if (previous is null)
            {
                break;
            }
            text = new Uri((string)previous["href"]!).Query.TrimStart('?');
        }
        Assert.Equal(all, back);
    }

    [Fact]
    public async Task A_group_list_reads_only_the_columns_asked_for_and_rules_only_for_the_groups_written()
    {
        await SeedAsync();
        var commands = new SqlRecorder();
        async Task<string> List(string text)
        {
            commands.Clear();
            var request = Request("/v2.0/security-groups", text);
            var query = ListQuery.Parse(request.Query, SecurityGroupEndpoints.Filterable, SecurityGroupEndpoints.Sortable);
            return await WriteAsync((w, _) => GroupList.WriteAsync(w, () => Task.CompletedTask, new RecordingFactory(host, commands), host.CloudAdmin, null, query, request, default));
        }

        var body = await List("fields=id&fields=name&limit=4");
        Assert.Equal(4, JsonNode.Parse(body)!["security_groups"]!.AsArray().Count);
        Assert.DoesNotContain(commands.Texts, c => c.Contains("SecurityGroupRules", StringComparison.Ordinal));
        Assert.DoesNotContain(commands.Texts, c => c.Contains("\"Description\"", StringComparison.Ordinal));

        await List("fields=id&fields=security_group_rules&limit=4");
        var rules = Assert.Single(commands.Texts, c => c.Contains("FROM \"SecurityGroupRules\"", StringComparison.Ordinal));
        var page = JsonNode.Parse(await List("limit=4"))!["security_groups"]!.AsArray();
        Assert.Equal(page.Sum(g => g!["security_group_rules"]!.AsArray().Count), JsonNode.Parse(await List("fields=id&fields=security_group_rules&limit=4"))!["security_groups"]!
            .AsArray().Sum(g => g!["security_group_rules"]!.AsArray().Count));
        Assert.True(page.Sum(g => g!["security_group_rules"]!.AsArray().Count) < RuleViews(null).Count);
        Assert.Contains("\"SecurityGroupId\"", rules, StringComparison.Ordinal);
    }

    private async Task<string> GroupPageAsync(string text)
    {
        var request = Request("/v2.0/security-groups", text);
        var query = ListQuery.Parse(request.Query, SecurityGroupEndpoints.Filterable, SecurityGroupEndpoints.Sortable);
        return await WriteAsync((w, f) => GroupList.WriteAsync(w, () => Task.CompletedTask, f, host.CloudAdmin, null, query, request, default));
    }

    private async Task<string> WriteAsync(Func<Utf8JsonWriter, IDbContextFactory<AppDbContext>, Task> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            await write(writer, new HostFactory(host));
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static HttpRequest Request(string path, string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("sga.test");
        context.Request.Path = path;
        context.Request.QueryString = new QueryString("?" + query);
        return context.Request;
    }

    /// <summary>A query of random parameters, with values taken from the data and odd spellings.</summary>
    private string RandomQuery(IReadOnlySet<string> filterable, IReadOnlySet<string> sortable, List<JsonObject> views)
    {
        var parts = new List<string>();
        void Add(string key, string value) => parts.Add($"{key}={Uri.EscapeDataString(value)}");
        foreach (var key in Pick(filterable.Order(StringComparer.Ordinal).ToList(), random.Next(3)))
        {
            for (var n = random.Next(1, 3); n > 0; n--)
            {
                var value = key == FixedIpFilter.Key ? FixedIpValue(views)
                    : random.Next(4) == 0 ? OddValues[random.Next(OddValues.Length)] : ValueText(views[random.Next(views.Count)][key]);
                // shared= takes only booleans (anything else is a 400, RbacReplayTests row 30): an odd value stands for true.
                Add(key, key == "shared" && !BooleanSpellings.Contains(value.ToLowerInvariant()) ? "true" : value);
            }
        }
        foreach (var key in Pick(sortable.Order(StringComparer.Ordinal).ToList(), random.Next(3)))
        {
            Add("sort_key", key);
            Add("sort_dir", random.Next(2) == 0 ? "asc" : "desc");
        }
        if (random.Next(3) == 0)
        {
            var keys = views[0].Select(p => p.Key).ToList();
            Add("fields", string.Join(",", Pick(keys, random.Next(1, 4))));
        }
        if (random.Next(3) > 0)
        {
            Add("limit", random.Next(8).ToString(CultureInfo.InvariantCulture));
            var marker = random.Next(10);
            if (marker < 6)
            {
                Add("marker", (string)views[random.Next(views.Count)]["id"]!);
            }
            else if (marker == 6)
            {
                Add("marker", Guid.NewGuid().ToString());
            }
            if (random.Next(3) == 0)
            {
                Add("page_reverse", random.Next(2) == 0 ? "True" : "false");
            }
        }
        return string.Join("&", parts.OrderBy(_ => random.Next()));
    }

    private List<string> Pick(List<string> items, int count) => [.. items.OrderBy(_ => random.Next()).Take(count)];

    /// <summary>A <c>fixed_ips=</c> value: an address some port has (exact, upper-cased IPv6, a substring) or none has.</summary>
    private string FixedIpValue(List<JsonObject> views)
    {
        var addresses = views.SelectMany(v => v["fixed_ips"]!.AsArray()).Select(e => (string)e!["ip_address"]!).ToList();
        var address = addresses.Count == 0 ? "10.9.9.9" : addresses[random.Next(addresses.Count)];
        return random.Next(5) switch
        {
            0 => "ip_address=" + address.ToUpperInvariant(),
            1 => "ip_address_substr=" + address[..Math.Max(1, address.Length - 2)],
            2 => "ip_address=10.255.0.1",
            3 => "subnet_id=" + Guid.Empty,
            _ => "ip_address=" + address,
        };
    }

    private string ValueText(JsonNode? node) => node switch
    {
        null => random.Next(2) == 0 ? "" : "None",
        JsonArray array => array.Count == 0 ? "x" : (string)array[random.Next(array.Count)]!,
        _ when node.GetValueKind() == JsonValueKind.True => random.Next(2) == 0 ? "true" : "on",
        _ when node.GetValueKind() == JsonValueKind.False => random.Next(2) == 0 ? "False" : "0",
        _ when node.GetValueKind() == JsonValueKind.Number => node.ToJsonString(),
        _ => node.GetValue<string>(),
    };

    private List<JsonObject> GroupViews(Caller? caller, string? project = null)
    {
        using var db = host.NewDb();
        var query = caller is null ? db.SecurityGroups : Visible.Groups(db, caller);
        if (project is not null)
        {
            query = query.Where(g => g.TenantId == project);
        }
        var defaults = db.DefaultSecurityGroups.Select(d => d.SecurityGroupId).ToHashSet();
        return [.. query.Include(g => g.Rules).AsNoTracking().ToList().Select(g => ResourceViews.Group(g, defaults))];
    }

    private List<JsonObject> RuleViews(Caller? caller)
    {
        using var db = host.NewDb();
        var defaults = db.DefaultSecurityGroups.Select(d => d.SecurityGroupId).ToHashSet();
        return [.. (caller is null ? db.SecurityGroupRules : Visible.Rules(db, caller)).AsNoTracking().ToList().Select(r => ResourceViews.Rule(r, defaults))];
    }

    private List<JsonObject> PortViews(Caller? caller)
    {
        using var db = host.NewDb();
        return [.. (caller is null ? db.Ports : Visible.Ports(db, caller)).Include(p => p.SecurityGroups).Include(p => p.FixedIps).AsNoTracking().ToList().Select(ResourceViews.Port)];
    }

    private string NewId() => new Guid([.. Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256))]).ToString();

    private DateTime RandomTime() => Start.AddMilliseconds(random.Next(4) * 1000 + random.Next(1000)).AddTicks(random.Next(3) * 10);

    private T One<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private async Task SeedAsync()
    {
        await using var db = host.NewDb();
        string[] tenants = [host.TenantA, host.TenantB];
        for (var i = 0; i < 40; i++)
        {
            var tenant = One(tenants);
            var created = RandomTime();
            groups.Add(new SecurityGroup
            {
                Id = NewId(),
                TenantId = tenant,
                Name = One(Names),
                Description = One(Descriptions),
                Stateful = random.Next(3) > 0,
                RevisionNumber = random.Next(4),
                CreatedAt = created,
                UpdatedAt = random.Next(2) == 0 ? created : RandomTime(),
            });
        }
        db.SecurityGroups.AddRange(groups);
        db.DefaultSecurityGroups.Add(new DefaultSecurityGroup { TenantId = host.TenantA, SecurityGroupId = groups.First(g => g.TenantId == host.TenantA).Id });
        db.DefaultSecurityGroups.Add(new DefaultSecurityGroup { TenantId = host.TenantB, SecurityGroupId = groups.First(g => g.TenantId == host.TenantB).Id });
        // Rules name existing address groups (a foreign key since AddressGroupRuleForeignKey).
        List<AddressGroup> addressGroups = [.. Enumerable.Range(0, 4).Select(i => new AddressGroup
        {
            Id = NewId(),
            TenantId = tenants[i % 2],
            Name = "ag-" + i,
            CreatedAt = Start,
            UpdatedAt = Start,
        })];
        db.AddressGroups.AddRange(addressGroups);
        for (var i = 0; i < 160; i++)
        {
            var group = One(groups);
            var prefix = One(Prefixes);
            var min = One(PortNumbers);
            var created = RandomTime();
            var id = NewId();
            db.SecurityGroupRules.Add(new SecurityGroupRule
            {
                Id = id,
                SecurityGroupId = group.Id,
                TenantId = random.Next(5) == 0 ? One(tenants) : group.TenantId,
                Direction = random.Next(2) == 0 ? "ingress" : "egress",
                Ethertype = random.Next(2) == 0 ? "IPv4" : "IPv6",
                Protocol = One(Protocols),
                PortRangeMin = min,
                PortRangeMax = min is null ? null : min + random.Next(2) * 10,
                RemoteIpPrefix = prefix,
                NormalizedCidr = prefix,
                RemoteGroupId = prefix is null && random.Next(2) == 0 ? One(groups).Id : null,
                RemoteAddressGroupId = random.Next(6) == 0 ? One(addressGroups).Id : null,
                Description = One(RuleDescriptions),
                DuplicateKey = id,
                RevisionNumber = random.Next(3),
                CreatedAt = created,
                UpdatedAt = random.Next(2) == 0 ? created : RandomTime(),
            });
        }
        for (var i = 0; i < 30; i++)
        {
            var tenant = One(tenants);
            var created = RandomTime();
            var own = groups.Where(g => g.TenantId == tenant).ToList();
            var port = new Port
            {
                Id = NewId(),
                TenantId = tenant,
                Name = One(Names),
                NetworkId = One(["net-1", "net-2", "Net-1"]),
                DeviceOwner = One(["", "compute:nova", "network:dhcp"]),
                PortSecurityEnabled = random.Next(3) > 0,
                RevisionNumber = random.Next(3),
                CreatedAt = created,
                UpdatedAt = RandomTime(),
            };
            port.SecurityGroups.AddRange(own.OrderBy(_ => random.Next()).Take(random.Next(3)));
            for (var k = random.Next(3); k > 0; k--)
            {
                var address = k == 2 && i % 2 == 0 ? $"2001:db8::{i:x}" : $"10.0.{i}.{k}";
                port.FixedIps.Add(new PortFixedIp { PortId = port.Id, TenantId = tenant, IpAddress = address, Position = k });
            }
            db.Ports.Add(port);
        }
        await db.SaveChangesAsync();
    }

    private sealed class HostFactory(ServiceTestHost host) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => host.NewDb();
    }

    /// <summary>Contexts on the host's database that record the SQL they run.</summary>
    private sealed class RecordingFactory(ServiceTestHost host, SqlRecorder recorder) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<AppDbContext>();
            _ = host.Provider == DatabaseProvider.PostgreSql ? options.UseNpgsql(host.ConnectionString) : options.UseSqlite(host.ConnectionString);
            return new AppDbContext(options.AddInterceptors(recorder).Options);
        }
    }

    private sealed class SqlRecorder : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        private readonly List<string> texts = [];

        public IReadOnlyList<string> Texts
        {
            get
            {
                lock (texts)
                {
                    return [.. texts];
                }
            }
        }

        public void Clear()
        {
            lock (texts)
            {
                texts.Clear();
            }
        }

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            lock (texts)
            {
                texts.Add(command.CommandText);
            }
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

/// <summary><see cref="SqlListEquivalenceTests"/> on SQLite.</summary>
public sealed class SqlListEquivalenceTestsOnSqlite() : SqlListEquivalenceTests(new ServiceTestHost(DatabaseProvider.Sqlite));

/// <summary><see cref="SqlListEquivalenceTests"/> on PostgreSQL.</summary>
public sealed class SqlListEquivalenceTestsOnPostgreSql() : SqlListEquivalenceTests(new ServiceTestHost(DatabaseProvider.PostgreSql));
