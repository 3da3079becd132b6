using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Testing;
using SecGroupAdmin.Web.Live;
using SecGroupAdmin.Web.SecurityGroups;

namespace SecGroupAdmin.E2E;

/// <summary>Two people on the same group: what one changes, the other sees without reloading.</summary>
[Collection(AppCollection.Name)]
public class LiveRefreshTests(AppFixture app)
{
    private SecurityGroupService Service => app.Factory.Services.GetRequiredService<SecurityGroupService>();

    private async Task<string> NewGroupAsync(string name)
    {
        var alice = await app.People.PersonAsync("live-alice@e2e.test", Role.Member, "demo");
        var caller = await app.People.CallerAsync(alice, "demo");
        return (await Service.CreateGroupAsync(caller, GroupCreateRequest.FromForm(name, "live test"))).Id;
    }

    [Fact]
    public async Task A_rule_added_by_alice_appears_on_bobs_open_page_without_reload()
    {
        var groupId = await NewGroupAsync("live-" + Guid.NewGuid().ToString("N")[..6]);
        await app.People.PersonAsync("live-bob@e2e.test", Role.Member, "demo");
        var bob = await app.NewPageAsync();
        await AppFixture.SignInAsync(bob, "live-bob@e2e.test", PeopleSeeder.Password);
        await AppFixture.OpenAsync(bob, $"/t/demo/groups/{groupId}");
        await Assertions.Expect(bob.Locator("#rules-grid")).ToContainTextAsync("No ingress rules");
        var navigations = 0;
        bob.FrameNavigated += (_, frame) => { if (frame == bob.MainFrame) { navigations++; } };

        var alice = await app.People.CallerAsync(await app.People.PersonAsync("live-alice@e2e.test", Role.Member, "demo"), "demo");
        await Service.CreateRuleAsync(alice, RuleInput.FromForm(groupId, "ingress", "IPv4", "tcp", 443, 443, "192.0.2.0/24", null, "from alice"));

        await Assertions.Expect(bob.Locator("#rules-grid")).ToContainTextAsync("ALLOW IPv4 443/tcp from 192.0.2.0/24");
        await Assertions.Expect(bob.Locator("#rules-grid .row-changed")).ToHaveCountAsync(1);
        await Assertions.Expect(bob.Locator(".mud-snackbar", new() { HasText = "live-alice@e2e.test added a rule" })).ToBeVisibleAsync();
        Assert.Equal(0, navigations);
        await Screenshots.SaveAsync(bob, "live-refresh");
    }

    [Fact]
    public async Task Bobs_open_edit_dialog_shows_a_conflict_and_his_stale_save_is_refused()
    {
        var name = "conflict-" + Guid.NewGuid().ToString("N")[..6];
        var groupId = await NewGroupAsync(name);
        await app.People.PersonAsync("live-bob@e2e.test", Role.Member, "demo");
        var bob = await app.NewPageAsync();
        await AppFixture.SignInAsync(bob, "live-bob@e2e.test", PeopleSeeder.Password);
        await AppFixture.OpenAsync(bob, $"/t/demo/groups/{groupId}");
        await bob.ClickAsync("#edit-group");
        await bob.FillAsync("#group-description", "bob's description");

        var alice = await app.People.CallerAsync(await app.People.PersonAsync("live-alice@e2e.test", Role.Member, "demo"), "demo");
        await Service.UpdateGroupAsync(alice, groupId, new GroupUpdateRequest { Description = InputValue.FromString("alice's description") });

        await Assertions.Expect(bob.Locator("#edit-conflict")).ToContainTextAsync("live-alice@e2e.test changed this group");
        await Screenshots.SaveAsync(bob, "edit-conflict");
        await bob.ClickAsync("#group-save");
        await Assertions.Expect(bob.Locator("#edit-conflict")).ToContainTextAsync("your change was not saved");
        await using (var db = await app.DbAsync())
        {
            Assert.Equal("alice's description", (await db.SecurityGroups.SingleAsync(g => g.Id == groupId)).Description);
        }

        // Bob re-applies his change on the latest version.
        await bob.ClickAsync("#use-latest");
        await bob.ClickAsync("#group-save");
        await Assertions.Expect(bob.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await using (var db = await app.DbAsync())
        {
            Assert.Equal("bob's description", (await db.SecurityGroups.SingleAsync(g => g.Id == groupId)).Description);
        }
    }

    [Fact]
    public async Task Hub_client_with_an_api_token_hears_its_tenant_and_is_refused_other_tenants()
    {
        var groupId = await NewGroupAsync("hub-" + Guid.NewGuid().ToString("N")[..6]);
        var bob = await app.People.PersonAsync("live-bob@e2e.test", Role.Member, "demo");
        var carol = await app.People.PersonAsync("live-carol@e2e.test", Role.Member, "other-tenant");
        var demo = await app.People.TenantAsync("demo");
        var other = await app.People.TenantAsync("other-tenant");

        await using var bobHub = await ConnectAsync(await app.People.TokenAsync(bob, "demo"));
        var received = new TaskCompletionSource<ChangeEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        bobHub.On<ChangeEvent>(ChangesHub.MessageName, e => { if (e.GroupId == groupId) { received.TrySetResult(e); } });
        await bobHub.InvokeAsync("JoinTenant", demo.Id);
        await bobHub.InvokeAsync("JoinGroup", groupId);
        // Bob's token is for demo: another tenant is refused, whether by tenant or by one of its groups.
        await Assert.ThrowsAsync<HubException>(() => bobHub.InvokeAsync("JoinTenant", other.Id));

        await using var carolHub = await ConnectAsync(await app.People.TokenAsync(carol, "other-tenant"));
        var carolHeard = false;
        carolHub.On<ChangeEvent>(ChangesHub.MessageName, _ => carolHeard = true);
        await carolHub.InvokeAsync("JoinTenant", other.Id);
        await Assert.ThrowsAsync<HubException>(() => carolHub.InvokeAsync("JoinTenant", demo.Id));
        await Assert.ThrowsAsync<HubException>(() => carolHub.InvokeAsync("JoinGroup", groupId));

        var alice = await app.People.CallerAsync(await app.People.PersonAsync("live-alice@e2e.test", Role.Member, "demo"), "demo");
        var rule = await Service.CreateRuleAsync(alice, RuleInput.FromForm(groupId, "egress", "IPv4", "udp", 53, 53, "10.0.0.0/8", null, ""));

        var change = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(demo.Id, change.TenantId);
        Assert.Equal("security_group_rule", change.ResourceType);
        Assert.Equal("create", change.Action);
        Assert.Equal(rule.Id, change.ResourceId);
        Assert.Equal("live-alice@e2e.test", change.ActorName);
        Assert.False(carolHeard);
    }

    [Fact]
    public async Task Hub_refuses_connections_without_a_valid_token()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(app.BaseUrl + ChangesHub.Path + "?access_token=sga_not-a-real-token")
            .Build();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        try
        {
            await connection.StartAsync();
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception)
        {
            // Refused during the handshake: also fine.
        }
        Assert.NotEqual(HubConnectionState.Connected, connection.State);
        await connection.DisposeAsync();
    }

    private async Task<HubConnection> ConnectAsync(string token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(app.BaseUrl + ChangesHub.Path, o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        await connection.StartAsync();
        return connection;
    }
}
