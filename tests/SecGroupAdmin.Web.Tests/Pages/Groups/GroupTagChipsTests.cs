using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecGroupAdmin.Web.Components.Pages.Groups;
using SecGroupAdmin.Web.Tags;

namespace SecGroupAdmin.Web.Tests.Pages.Groups;

/// <summary>The group page's tag chips: what each role sees and may do, and add/remove down to the database and the audit log.</summary>
public sealed class GroupTagChipsTests : GroupsUiTestContext
{
    private TagService Tags => Services.GetRequiredService<TagService>();

    private IRenderedComponent<GroupDetailPage> RenderPage(string groupId)
    {
        SetRendererInfo(new RendererInfo("Server", true));
        var cut = Render<GroupDetailPage>(p => p.Add(x => x.TenantName, TenantName).Add(x => x.GroupId, groupId));
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("#group-tags .tag-chip").Count > 0 || cut.FindAll("#not-authorized").Count > 0),
            TimeSpan.FromSeconds(10));
        return cut;
    }

    private static List<string> Chips(IRenderedComponent<GroupDetailPage> cut) =>
        [.. cut.FindAll("#group-tags .tag-chip").Select(c => c.TextContent.Trim())];

    private List<string> TagsInDb(string groupId)
    {
        using var db = Db();
        return [.. db.SecurityGroupTags.AsNoTracking().Where(t => t.SecurityGroupId == groupId).Select(t => t.Tag).OrderBy(t => t)];
    }

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Each_role_sees_the_chips_and_only_writers_edit_them(Role role)
    {
        var web = await NewGroupAsync("web");
        await Tags.ReplaceAsync(Arranger, TaggedKind.SecurityGroup, web.Id, ["prod", "pci"]);
        SignIn(role);

        var cut = RenderPage(web.Id);

        if (role == Role.Outsider)
        {
            Assert.NotEmpty(cut.FindAll("#not-authorized"));
            Assert.DoesNotContain("prod", cut.Markup);
            return;
        }
        Assert.Equal(["pci", "prod"], Chips(cut));
        var writes = Writes(role);
        Assert.Equal(writes, cut.FindAll("#group-tag-input").Count == 1);
        Assert.Equal(writes, cut.FindAll("#group-tags .mud-chip-close-button").Count == 2);
    }

    [Fact]
    public async Task A_member_adds_a_tag_with_enter_and_removes_one_with_its_close_button()
    {
        var web = await NewGroupAsync("web");
        await Tags.ReplaceAsync(Arranger, TaggedKind.SecurityGroup, web.Id, ["old"]);
        SignIn(Role.Member);
        var cut = RenderPage(web.Id);

        cut.Find("#group-tag-input").Input("frontend");
        cut.Find("#group-tag-input").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        cut.WaitForAssertion(() => Assert.Equal(["frontend", "old"], TagsInDb(web.Id)));
        cut.WaitForAssertion(() => Assert.Contains("frontend", Chips(cut)));

        var close = cut.FindAll("#group-tags .tag-chip").Single(c => c.TextContent.Contains("old", StringComparison.Ordinal))
            .QuerySelector(".mud-chip-close-button")!;
        close.Click();
        cut.WaitForAssertion(() => Assert.Equal(["frontend"], TagsInDb(web.Id)));

        var audit = UiAudit().Where(a => a.ResourceId == web.Id).ToList();
        Assert.Equal(2, audit.Count);
        Assert.Contains("frontend", audit[0].AfterJson, StringComparison.Ordinal);
        Assert.DoesNotContain("old", audit[1].AfterJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_field_checks_as_you_type_with_the_APIs_validator()
    {
        var web = await NewGroupAsync("web");
        await Tags.ReplaceAsync(Arranger, TaggedKind.SecurityGroup, web.Id, ["old"]);
        SignIn(Role.Member);
        var cut = RenderPage(web.Id);

        cut.Find("#group-tag-input").Input(new string('x', 256));
        cut.WaitForAssertion(() => Assert.Contains("exceeds maximum length of 255", cut.Markup, StringComparison.Ordinal));
        cut.Find("#group-tag-input").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        cut.Find("#group-tag-input").Input("old");
        cut.WaitForAssertion(() => Assert.Contains("The tag old is already there.", cut.Markup, StringComparison.Ordinal));

        Assert.Equal(["old"], TagsInDb(web.Id));
    }
}
