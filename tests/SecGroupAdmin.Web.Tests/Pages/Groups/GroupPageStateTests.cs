using SecGroupAdmin.Data.SecurityGroups;
using SecGroupAdmin.Web.Components.Pages.Groups;
using SecGroupAdmin.Web.Live;

namespace SecGroupAdmin.Web.Tests.Pages.Groups;

/// <summary>
/// The group page's view state as plain state: which rule ids the grid shows and in what order, the selection,
/// what a reload keeps, and which live changes make the page read the group again.
/// </summary>
public sealed class GroupPageStateTests
{
    private const string Group = "5d0c4c2e-6b2f-4a43-9a3e-5b3c8a1f0e11";

    private static int next;

    private static RuleRow Rule(int port, string direction = "ingress", string prefix = "10.0.0.0/8", string protocol = "tcp",
        string ethertype = "IPv4", string description = "") =>
        new(new SecurityGroupRule
        {
            Id = $"00000000-0000-0000-0000-{Interlocked.Increment(ref next):d12}",
            SecurityGroupId = Group,
            Direction = direction,
            Ethertype = ethertype,
            Protocol = protocol,
            PortRangeMin = port,
            PortRangeMax = port,
            RemoteIpPrefix = prefix,
            NormalizedCidr = prefix,
            Description = description,
        }, null);

    private static readonly RuleSort ByRemoteDescending = new("Remote", true, r => r.Remote);
    private static readonly RuleSort ByPortDescending = new("SortPort", true, r => r.SortPort);

    private static List<string> Shown(GroupPageState state) => [.. state.View!.Ids.Select(id => id.ToString())];

    private static GroupPageState LoadedWith(IReadOnlyCollection<RuleRow> rows, long revision = 1)
    {
        var state = new GroupPageState();
        state.Loaded(rows, revision, null, false, []);
        return state;
    }

    private static ChangeEvent Change(string type, string action, string resourceId, long? revision, string? groupId = Group, string actor = "someone") =>
        new("tenant", groupId, type, action, resourceId, actor, actor + "@example.test", revision, DateTime.UtcNow);

    [Fact]
    public void The_tab_the_filter_and_a_sort_decide_which_ids_are_shown_and_in_what_order()
    {
        var https = Rule(443, description: "https");
        var ssh = Rule(22, description: "ops ssh");
        var web = Rule(8080);
        var dns = Rule(53, direction: "egress");
        var state = LoadedWith([https, ssh, web, dns]);

        Assert.Equal([ssh.Id, https.Id, web.Id], Shown(state));
        Assert.Equal((3, 1, 4), (state.IngressCount, state.EgressCount, state.RuleCount));

        state.Order([https, ssh, web, dns], [ByPortDescending]);
        Assert.Equal([web.Id, https.Id, ssh.Id], Shown(state));

        state.SetFilter("ssh");
        Assert.Null(state.View);
        state.Order([https, ssh, web, dns], [ByPortDescending]);
        Assert.Equal([ssh.Id], Shown(state));

        state.SetFilter(null);
        state.SetTab(GroupPageState.EgressTab);
        state.Order([https, ssh, web, dns], []);
        Assert.Equal("egress", state.Direction);
        Assert.Equal([dns.Id], Shown(state));
    }

    [Fact]
    public void A_sort_keeps_the_default_order_among_equal_values()
    {
        // Created 8080, 22, 443 from the same network, and 25 from another.
        var rows = new[] { Rule(8080), Rule(22), Rule(443), Rule(25, prefix: "192.168.0.0/16") };
        var state = LoadedWith(rows);

        state.Order(rows, [ByRemoteDescending]);

        Assert.Equal([rows[3].Id, rows[1].Id, rows[2].Id, rows[0].Id], Shown(state));
    }

    [Fact]
    public void A_view_is_current_only_for_the_data_tab_filter_and_sort_it_was_made_for()
    {
        var rows = new[] { Rule(22), Rule(80) };
        var state = LoadedWith(rows);
        Assert.True(state.HasViewFor([]));
        Assert.False(state.HasViewFor([ByPortDescending]));

        state.Order(rows, [ByPortDescending]);
        Assert.True(state.HasViewFor([ByPortDescending]));

        var before = state.View!.Key;
        state.Loaded(rows, 2, null, false, [ByPortDescending]);
        Assert.NotEqual(before, state.View!.Key); // read again: views made before are stale

        state.SetFilter("22");
        Assert.False(state.HasViewFor([ByPortDescending]));
    }

    [Fact]
    public void Select_all_takes_every_rule_the_filtered_tab_shows_and_the_filter_drops_hidden_rules_from_the_selection()
    {
        var ssh = Rule(22);
        var alt = Rule(2222);
        var https = Rule(443);
        var egress = Rule(22, direction: "egress");
        var rows = new[] { ssh, alt, https, egress };
        var state = LoadedWith(rows);
        state.Select(https.CompactId, true);
        state.SetFilter("22");
        state.Order(rows, []);

        // https is hidden by the filter: no longer selected, so "Delete N selected" counts only rules in sight (#16).
        Assert.Equal(0, state.SelectedCount);
        Assert.False(state.AllSelected);
        state.SelectAll(true);

        Assert.Equal(new[] { ssh.Id, alt.Id }.Order(), state.SelectedIds.Select(id => id.ToString()).Order());
        Assert.True(state.AllSelected);

        state.Select(alt.CompactId, false);
        Assert.Null(state.AllSelected);

        state.SetFilter("2222");
        state.Order(rows, []);
        Assert.Equal(0, state.SelectedCount); // ssh is hidden now

        state.SelectAll(true);
        state.SelectAll(false);
        Assert.Empty(state.SelectedIds);
        Assert.False(state.AllSelected);
    }

    [Fact]
    public void Select_all_does_nothing_while_the_tab_or_filter_has_no_view_yet()
    {
        var rows = new[] { Rule(22), Rule(80) };
        var state = LoadedWith(rows);
        state.SetFilter("22");

        state.SelectAll(true);

        Assert.Equal(0, state.SelectedCount);
    }

    [Fact]
    public void Switching_the_tab_clears_the_selection_and_the_same_tab_changes_nothing()
    {
        var ssh = Rule(22);
        var state = LoadedWith([ssh, Rule(53, direction: "egress")]);
        state.Select(ssh.CompactId, true);

        Assert.False(state.SetTab(GroupPageState.IngressTab));
        Assert.Equal(1, state.SelectedCount);
        Assert.NotNull(state.View);

        Assert.True(state.SetTab(GroupPageState.EgressTab));
        Assert.Equal(0, state.SelectedCount);
        Assert.Null(state.View);
    }

    [Fact]
    public void Someone_elses_change_marks_their_rule_and_keeps_the_tab_filter_and_selection()
    {
        var ssh = Rule(22);
        var alt = Rule(2222);
        var state = LoadedWith([ssh, alt]);
        state.SetFilter("22");
        state.Select(alt.CompactId, true);
        var theirs = Rule(22, prefix: "198.51.100.0/24");
        var theirEgress = Rule(22, direction: "egress", prefix: "192.0.2.0/24");

        state.Loaded([ssh, alt, theirs, theirEgress], 2, theirEgress.Id, false, []);

        Assert.Equal((GroupPageState.IngressTab, "22"), (state.Tab, state.Filter));
        Assert.Equal([alt.Id], state.SelectedIds.Select(id => id.ToString()));
        Assert.Equal(theirEgress.Id, state.HighlightId);
        Assert.Equal([ssh.Id, theirs.Id, alt.Id], Shown(state));
        Assert.Equal((3, 1), (state.IngressCount, state.EgressCount));
    }

    [Fact]
    public void The_users_own_new_rule_shows_its_tab_with_no_filter()
    {
        var ssh = Rule(22);
        var state = LoadedWith([ssh]);
        state.SetFilter("ssh");
        state.Select(ssh.CompactId, true);
        var mine = Rule(53, direction: "egress");

        state.Loaded([ssh, mine], 2, mine.Id, true, []);

        Assert.Equal((GroupPageState.EgressTab, ""), (state.Tab, state.Filter));
        Assert.Equal(0, state.SelectedCount); // the tab changed
        Assert.Equal(mine.Id, state.HighlightId);
        Assert.Equal([mine.Id], Shown(state));
    }

    [Fact]
    public void A_reload_drops_selected_rules_that_are_gone_and_counts_the_exposed_ones()
    {
        var ssh = Rule(22);
        var open = Rule(22, prefix: "0.0.0.0/0");
        var state = LoadedWith([ssh, open]);
        state.Select(ssh.CompactId, true);
        state.Select(open.CompactId, true);
        Assert.Equal(1, state.ExposedCount);

        state.Loaded([open], 2, null, false, []);

        Assert.Equal([open.Id], state.SelectedIds.Select(id => id.ToString()));
        Assert.Equal(1, state.RuleCount);
    }

    [Fact]
    public void A_live_change_the_page_has_read_already_is_not_read_again()
    {
        var state = LoadedWith([Rule(22)], revision: 5);

        Assert.Null(state.OnLiveChange(Change("security_group_rule", "delete", "x", 5), Group));
        Assert.Null(state.OnLiveChange(Change("security_group", "update", Group, 4), Group));
        Assert.Equal(new LiveReload(null), state.OnLiveChange(Change("security_group_rule", "delete", "x", 6), Group));
        Assert.Equal(new LiveReload("new-rule"), state.OnLiveChange(Change("security_group_rule", "create", "new-rule", 6), Group));
        // Another group's revisions (its name shows here) and quotas are not this group's.
        Assert.Equal(new LiveReload(null), state.OnLiveChange(Change("security_group", "update", "other", 1, groupId: "other"), Group));
        Assert.Equal(new LiveReload(null), state.OnLiveChange(Change("quota", "update", "tenant", null, groupId: null), Group));
        // The browser reconnected: anything may have changed.
        Assert.Equal(new LiveReload(null), state.OnLiveChange(null, Group));
    }

    [Fact]
    public void A_new_rule_the_page_has_read_already_is_still_marked()
    {
        var state = LoadedWith([Rule(22)], revision: 5);

        Assert.Null(state.OnLiveChange(Change("security_group_rule", "create", "their-rule", 5), Group));

        Assert.Equal("their-rule", state.HighlightId);
    }

    [Fact]
    public void During_the_users_own_change_live_changes_wait_and_only_those_its_read_missed_are_read()
    {
        var rows = new[] { Rule(22) };
        var state = LoadedWith(rows, revision: 5);

        state.BeginOwnChange();
        // The user's own delete of two rules: one event each; then the page reads the group at revision 7.
        Assert.Null(state.OnLiveChange(Change("security_group_rule", "delete", "a", 6, actor: "me"), Group));
        Assert.Null(state.OnLiveChange(Change("security_group_rule", "delete", "b", 7, actor: "me"), Group));
        state.Loaded(rows, 7, null, false, []);
        Assert.Null(state.EndOwnChange(Group));

        state.BeginOwnChange();
        state.Loaded(rows, 8, null, false, []);
        // Someone else added a rule after that read, while the dialog was still open.
        Assert.Null(state.OnLiveChange(Change("security_group_rule", "create", "their-rule", 9), Group));
        Assert.Equal(new LiveReload("their-rule"), state.EndOwnChange(Group));

        // Once done, changes are read as they come.
        Assert.Equal(new LiveReload(null), state.OnLiveChange(Change("security_group_rule", "delete", "c", 10), Group));
    }

    [Fact]
    public void Another_group_starts_on_the_first_tab_with_nothing_filtered_selected_or_marked()
    {
        var mine = Rule(53, direction: "egress");
        var state = LoadedWith([mine]);
        state.Loaded([mine], 2, mine.Id, true, []);
        state.Select(mine.CompactId, true);
        state.BeginOwnChange();

        state.Reset();

        Assert.Equal((GroupPageState.IngressTab, "", 0), (state.Tab, state.Filter, state.SelectedCount));
        Assert.Null(state.HighlightId);
        Assert.Null(state.View);
        Assert.Null(state.LoadedRevision);
        Assert.Equal(new LiveReload(null), state.OnLiveChange(Change("security_group_rule", "delete", "a", 1), Group));
    }
}
