using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecGroupAdmin.Data;
using SecGroupAdmin.Data.Identity;
using SecGroupAdmin.Data.Tenants;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Ports;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.Web.Hosting;

/// <summary>
/// With <c>--seed-demo</c> (or <c>Seed:Demo=true</c>) on a database without a <c>demo</c> tenant: creates it with a few
/// realistic groups and rules, a port, and makes the first CloudAdmin its admin. Everything goes through
/// <see cref="SecurityGroupService"/> and <see cref="PortService"/>, so it is validated and audited like any change.
/// </summary>
public sealed class DemoSeed(
    IDbContextFactory<AppDbContext> dbFactory,
    UserManager<ApplicationUser> users,
    SecurityGroupService service,
    PortService ports,
    CallerFactory callers,
    ILogger<DemoSeed> logger)
{
    public const string TenantName = "demo";

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Tenants.AnyAsync(t => t.Name == TenantName, ct))
        {
            return;
        }
        var admin = (await users.GetUsersInRoleAsync(TenantRoles.CloudAdmin)).OrderBy(u => u.UserName).FirstOrDefault();
        if (admin is null)
        {
            logger.LogWarning("No CloudAdmin to own the demo tenant; skipping the demo seed");
            return;
        }
        var tenant = new Tenant { Name = TenantName };
        db.Tenants.Add(tenant);
        db.Memberships.Add(new Membership { UserId = admin.Id, TenantId = tenant.Id, Role = TenantRoles.Admin });
        await db.SaveChangesAsync(ct);

        var caller = (await callers.CreateAsync(admin.Id, tenant.Id, ChangeSource.CLI, "demo-seed", ct))!;
        var web = await Group(caller, "web", "Public web servers");
        var app = await Group(caller, "app", "Application tier");
        var database = await Group(caller, "db", "PostgreSQL primary and replicas");
        var bastion = await Group(caller, "bastion", "SSH jump host");

        await Rules(caller,
            Rule(web.Id, "tcp", 80, 80, "0.0.0.0/0", description: "HTTP from anywhere"),
            Rule(web.Id, "tcp", 443, 443, "0.0.0.0/0", description: "HTTPS from anywhere"),
            Rule(web.Id, "tcp", 443, 443, "::/0", ethertype: "IPv6", description: "HTTPS over IPv6"),
            Rule(web.Id, "icmp", 8, null, "0.0.0.0/0", description: "ping"),
            Rule(web.Id, "tcp", 22, 22, remoteGroup: bastion.Id, description: "SSH from the bastion"));
        await Rules(caller,
            Rule(app.Id, "tcp", 8080, 8080, remoteGroup: web.Id, description: "from the web tier"),
            Rule(app.Id, "tcp", 9100, 9100, "10.20.0.34/24", description: "metrics scraper (host bits set)"),
            Rule(app.Id, "tcp", 22, 22, remoteGroup: bastion.Id, description: "SSH from the bastion"));
        await Rules(caller,
            Rule(database.Id, "tcp", 5432, 5432, remoteGroup: app.Id, description: "PostgreSQL from the app tier"),
            Rule(database.Id, "tcp", 5432, 5432, "0.0.0.0/0", description: "TEMPORARY: vendor migration"));
        await Rules(caller,
            Rule(bastion.Id, "tcp", 22, 22, "0.0.0.0/0", description: "SSH from anywhere"));
        await ports.CreatePortAsync(caller, new PortCreateRequest { Name = "web-1", NetworkId = "public", SecurityGroupIds = [web.Id], FixedIps = ["203.0.113.10", "2001:db8:10::10"] }, ct);
        await ports.CreatePortAsync(caller, new PortCreateRequest { Name = "db-1", NetworkId = "private", SecurityGroupIds = [database.Id], FixedIps = ["10.0.2.20"] }, ct);
        logger.LogInformation("Seeded the demo tenant with {Count} groups", 5);

        Task<Data.SecurityGroups.SecurityGroup> Group(Caller c, string name, string description) =>
            service.CreateGroupAsync(c, GroupCreateRequest.FromForm(name, description), ct);

        Task Rules(Caller c, params RuleInput[] inputs) => service.CreateRulesAsync(c, inputs, ct: ct);
    }

    private static RuleInput Rule(string groupId, string protocol, int? min, int? max, string? prefix = null,
        string? remoteGroup = null, string ethertype = "IPv4", string description = "") =>
        RuleInput.FromForm(groupId, "ingress", ethertype, protocol, min, max, prefix, remoteGroup, description);
}
