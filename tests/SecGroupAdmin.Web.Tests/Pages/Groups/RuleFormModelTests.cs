using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Domain.Templates;
using SecGroupAdmin.Web.Components.Pages.Groups;

namespace SecGroupAdmin.Web.Tests.Pages.Groups;

/// <summary>The rule form as plain state: what it sends, which field an error lands under, editing round trips, exposure and templates.</summary>
public sealed class RuleFormModelTests
{
    private const string Group = "5d0c4c2e-6b2f-4a43-9a3e-5b3c8a1f0e11";

    private static RuleFormModel Tcp(int? port = 22, string cidr = "10.0.0.0/8") =>
        new() { GroupId = Group, Remote = RemoteKind.Cidr, EmptyCidrMeansNotSet = true, TemplateKey = RuleFormModel.CustomTcp, Port = port, Cidr = cidr };

    private static NormalizedRule Valid(RuleFormModel model)
    {
        var (rule, error, field) = model.Validate();
        Assert.Null(error);
        Assert.Null(field);
        return rule;
    }

    [Fact]
    public void A_single_TCP_port_becomes_a_one_port_range_with_the_CIDR_and_its_family()
    {
        var input = Tcp(port: 22, cidr: " 10.0.0.0/8 ").ToInput();
        Assert.Equal(("ingress", "IPv4", "tcp", 22L, 22L, "10.0.0.0/8"),
            (input.Direction.Text, input.Ethertype.Text, input.Protocol.Text, input.PortRangeMin.Integer, input.PortRangeMax.Integer, input.RemoteIpPrefix.Text));
        Assert.True(input.RemoteGroupId.IsAbsent);
        Assert.Equal("", input.Description.Text);
    }

    [Theory]
    [InlineData(PortMode.Single, 70000, null, null, "port", "Invalid value for port 70000")]
    [InlineData(PortMode.Single, null, null, null, "port", "Enter a port, or choose All ports.")]
    [InlineData(PortMode.Range, null, 70000, 80, "port_from", "Invalid value for port 70000")]
    [InlineData(PortMode.Range, null, 80, 70000, "port_to", "Invalid value for port 70000")]
    [InlineData(PortMode.Range, null, 100, 50, "port_to", "For TCP/UDP protocols, port_range_min must be <= port_range_max")]
    [InlineData(PortMode.Range, null, null, 50, "port_from", "For TCP/UDP protocols, port_range_min must be <= port_range_max")]
    [InlineData(PortMode.Range, null, null, null, "port_from", "Enter the first and last port, or choose All ports.")]
    [InlineData(PortMode.Single, 0, null, null, "port", "Invalid value for port 0")]
    public void Port_errors_land_under_the_port_input_that_holds_them(PortMode mode, int? port, int? from, int? to, string field, string message)
    {
        var model = new RuleFormModel { GroupId = Group, Remote = RemoteKind.Cidr, EmptyCidrMeansNotSet = true, PortMode = mode, Port = port, PortFrom = from, PortTo = to };
        var (_, error, formField) = model.Validate();
        Assert.Equal(message, error!.Message);
        Assert.Equal(field, formField);
    }

    [Theory]
    [InlineData(300, null, "icmp_type", "Invalid value for ICMP type (port_range_min) 300. It must be 0 to 255.")]
    [InlineData(8, 256, "icmp_code", "Invalid value for ICMP code (port_range_max) 256. It must be 0 to 255.")]
    [InlineData(null, 3, "icmp_type", "ICMP code (port-range-max) 3 is provided but ICMP type (port-range-min) is missing.")]
    public void ICMP_errors_land_under_type_or_code(int? type, int? code, string field, string message)
    {
        var model = new RuleFormModel { GroupId = Group, Remote = RemoteKind.Cidr, EmptyCidrMeansNotSet = true, TemplateKey = RuleFormModel.CustomIcmp, IcmpType = type, IcmpCode = code };
        var (_, error, formField) = model.Validate();
        Assert.Equal((message, field), (error!.Message, formField));
    }

    [Fact]
    public void ICMP_minus_one_means_any_and_IPv6_turns_it_into_ipv6_icmp()
    {
        var any = Valid(new RuleFormModel { GroupId = Group, Remote = RemoteKind.Cidr, EmptyCidrMeansNotSet = true, TemplateKey = RuleFormModel.CustomIcmp, IcmpType = -1, IcmpCode = -1 });
        Assert.Equal(("icmp", (int?)null, (int?)null), (any.Protocol, any.PortRangeMin, any.PortRangeMax));

        var v6 = Valid(new RuleFormModel { GroupId = Group, Remote = RemoteKind.Cidr, EmptyCidrMeansNotSet = true, TemplateKey = RuleFormModel.CustomIcmp, IcmpType = 128, Cidr = "2001:db8::/32" });
        Assert.Equal(("IPv6", "ipv6-icmp", (int?)128), (v6.Ethertype, v6.Protocol, v6.PortRangeMin));
    }

    [Theory]
    [InlineData("10.0.0.0/33", "cidr", "Invalid CIDR 10.0.0.0/33 given as IP prefix.")]
    [InlineData("not-an-address", "cidr", "Invalid CIDR not-an-address given as IP prefix.")]
    public void CIDR_errors_land_under_the_CIDR(string cidr, string field, string message)
    {
        var (_, error, formField) = Tcp(cidr: cidr).Validate();
        Assert.Equal((message, field), (error!.Message, formField));
    }

    [Fact]
    public void Other_protocol_and_description_and_remote_errors_have_their_own_fields()
    {
        var other = new RuleFormModel { GroupId = Group, Remote = RemoteKind.Cidr, EmptyCidrMeansNotSet = true, TemplateKey = RuleFormModel.OtherProtocol, ProtocolText = "300" };
        Assert.Equal("protocol_number", other.Validate().FormField);

        var description = Tcp();
        description.Description = new string('x', 256);
        Assert.Equal("description", description.Validate().FormField);

        var noGroup = Tcp();
        noGroup.Remote = RemoteKind.Group;
        Assert.Equal(("Choose a security group.", "remote_group"), (noGroup.Validate().Error!.Message, noGroup.Validate().FormField));

        var noAddress = Tcp();
        noAddress.Remote = RemoteKind.MyIp;
        Assert.Equal("cidr", noAddress.Validate().FormField);
    }

    [Theory]
    [InlineData("2001:db8::/32", "IPv6")]
    [InlineData("10.0.0.0/8", "IPv4")]
    [InlineData("", "IPv6")] // no CIDR: the chosen ethertype stays
    public void The_ethertype_follows_the_CIDR(string cidr, string expected)
    {
        var model = Tcp(cidr: cidr);
        model.Ethertype = "IPv6";
        Assert.Equal(expected, model.EffectiveEthertype);
        Assert.Equal(expected, Valid(model).Ethertype);
    }

    [Fact]
    public void My_IP_becomes_a_host_prefix_of_the_right_family()
    {
        var v4 = Tcp();
        v4.Remote = RemoteKind.MyIp;
        v4.ClientAddress = "203.0.113.7";
        Assert.Equal(("203.0.113.7/32", "IPv4"), (Valid(v4).RemoteIpPrefix, v4.EffectiveEthertype));

        var v6 = Tcp();
        v6.Remote = RemoteKind.MyIp;
        v6.ClientAddress = "2001:db8::7";
        Assert.Equal(("2001:db8::7/128", "IPv6"), (Valid(v6).RemoteIpPrefix, v6.EffectiveEthertype));
    }

    [Fact]
    public void Anywhere_is_stored_explicitly_and_a_remote_group_drops_the_prefix()
    {
        var anywhere = Tcp();
        anywhere.Remote = RemoteKind.Anywhere;
        anywhere.Ethertype = "IPv6";
        Assert.Equal("::/0", Valid(anywhere).RemoteIpPrefix);

        var group = Tcp(cidr: "10.0.0.0/8");
        group.Remote = RemoteKind.Group;
        group.RemoteGroupId = "other-group";
        var rule = Valid(group);
        Assert.Equal(((string?)null, "other-group"), (rule.RemoteIpPrefix, rule.RemoteGroupId));
    }

    public static TheoryData<NormalizedRule> StoredRules => new()
    {
        new(Group, "ingress", "IPv4", "tcp", 22, 22, "10.0.0.0/8", "10.0.0.0/8", null, null, "ssh"),
        new(Group, "ingress", "IPv4", "6", 22, 22, null, null, null, null, ""),
        new(Group, "ingress", "IPv4", "tcp", 8000, 8080, "0.0.0.0/0", "0.0.0.0/0", null, null, ""),
        new(Group, "egress", "IPv6", "tcp", null, null, "::/0", "::/0", null, null, ""),
        new(Group, "ingress", "IPv4", "udp", 53, 53, "10.1.2.3/8", "10.0.0.0/8", null, null, ""),
        new(Group, "ingress", "IPv4", "icmp", 8, 0, null, null, null, null, ""),
        new(Group, "ingress", "IPv4", "icmp", null, null, null, null, null, null, ""),
        new(Group, "ingress", "IPv6", "ipv6-icmp", 128, null, "2001:db8::/32", "2001:db8::/32", null, null, ""),
        new(Group, "ingress", "IPv4", "47", null, null, null, null, null, null, "gre"),
        new(Group, "ingress", "IPv4", null, null, null, null, null, "remote-group-id", null, ""),
        new(Group, "egress", "IPv6", null, null, null, null, null, null, null, ""),
    };

    [Theory]
    [MemberData(nameof(StoredRules))]
    public void Editing_a_stored_rule_and_saving_it_unchanged_gives_the_same_rule(NormalizedRule stored)
    {
        var model = RuleFormModel.FromRule(stored);
        var again = Valid(model);

        Assert.Equal(RuleKey.For(stored), RuleKey.For(again));
        Assert.Equal(stored.RemoteIpPrefix, again.RemoteIpPrefix);
        Assert.Equal(stored.Description, again.Description);
    }

    [Fact]
    public void FromRule_picks_the_form_controls_a_person_would_have_used()
    {
        var range = RuleFormModel.FromRule(new(Group, "ingress", "IPv4", "6", 8000, 8080, null, null, null, null, ""));
        Assert.Equal((RuleFormModel.CustomTcp, PortMode.Range, 8000, 8080, RemoteKind.Cidr, ""), (range.TemplateKey, range.PortMode, range.PortFrom, range.PortTo, range.Remote, range.Cidr));

        // All UDP ports is the "All UDP" preset, an ingress 22/tcp rule "SSH": the form shows the preset's name.
        var all = RuleFormModel.FromRule(new(Group, "ingress", "IPv4", "udp", null, null, "0.0.0.0/0", "0.0.0.0/0", null, null, ""));
        Assert.Equal(("all_udp", "All UDP", RemoteKind.Anywhere), (all.TemplateKey, all.Template!.Label, all.Remote));
        var ssh = RuleFormModel.FromRule(new(Group, "ingress", "IPv4", "tcp", 22, 22, "10.0.0.0/8", "10.0.0.0/8", null, null, ""));
        Assert.Equal(("ssh", "tcp", 22), (ssh.TemplateKey, ssh.Protocol, ssh.Ports.Min));
        var egressSsh = RuleFormModel.FromRule(new(Group, "egress", "IPv4", "tcp", 22, 22, "10.0.0.0/8", "10.0.0.0/8", null, null, ""));
        Assert.Equal((RuleFormModel.CustomTcp, 22), (egressSsh.TemplateKey, egressSsh.Port));

        // "Other protocol" takes a name as well as a number.
        var gre = new RuleFormModel { GroupId = Group, Remote = RemoteKind.Anywhere, TemplateKey = RuleFormModel.OtherProtocol, ProtocolText = "vrrp" };
        Assert.Equal("vrrp", Valid(gre).Protocol);
        gre.ProtocolText = " 132 ";
        Assert.Equal("132", Valid(gre).Protocol);

        var any = RuleFormModel.FromRule(new(Group, "egress", "IPv4", null, null, null, null, null, null, null, ""));
        Assert.Equal((RuleFormModel.OtherProtocol, "", (string?)null), (any.TemplateKey, any.ProtocolText, any.Protocol));

        var remote = RuleFormModel.FromRule(new(Group, "ingress", "IPv6", "tcp", 22, 22, null, null, "g2", null, ""));
        Assert.Equal((RemoteKind.Group, "g2", "IPv6"), (remote.Remote, remote.RemoteGroupId, remote.EffectiveEthertype));
    }

    [Theory]
    [InlineData(RemoteKind.Anywhere, "", 22, "ingress", true)]
    [InlineData(RemoteKind.Anywhere, "", 80, "ingress", false)]
    [InlineData(RemoteKind.Anywhere, "", 22, "egress", false)]
    [InlineData(RemoteKind.Cidr, "0.0.0.0/0", 3306, "ingress", true)]
    [InlineData(RemoteKind.Cidr, "::/0", 5432, "ingress", true)]
    [InlineData(RemoteKind.Cidr, "", 22, "ingress", true)] // empty CIDR: any address
    [InlineData(RemoteKind.Cidr, "10.0.0.0/8", 22, "ingress", false)]
    [InlineData(RemoteKind.Group, "", 22, "ingress", false)]
    public void Exposes_a_sensitive_port_only_for_ingress_from_anywhere(RemoteKind remote, string cidr, int port, string direction, bool exposed)
    {
        var model = Tcp(port: port, cidr: cidr);
        model.Remote = remote;
        model.RemoteGroupId = "g2";
        model.Direction = direction;
        Assert.Equal(exposed, model.Exposure.IsExposed);
    }

    [Fact]
    public void A_new_rule_needs_its_source_chosen_and_an_empty_CIDR_is_not_anywhere()
    {
        var model = new RuleFormModel { GroupId = Group };
        model.ApplyTemplate("ssh");
        Assert.Equal(RemoteKind.NotChosen, model.Remote);
        Assert.False(model.Exposure.IsExposed);
        Assert.Equal(("remote", "Choose where the traffic comes from."), (model.Validate().FormField, model.Validate().Error!.Message));

        model.Remote = RemoteKind.Cidr;
        Assert.False(model.Exposure.IsExposed);
        Assert.Equal(("cidr", "Enter a CIDR, or choose Anywhere."), (model.Validate().FormField, model.Validate().Error!.Message));

        model.Remote = RemoteKind.Anywhere;
        Assert.True(model.Exposure.IsExposed);
        Assert.Equal("0.0.0.0/0", Valid(model).RemoteIpPrefix);
    }

    [Fact]
    public void A_stored_rule_with_no_remote_is_edited_as_an_empty_CIDR_that_stays_unset()
    {
        var stored = Valid(Tcp(port: 22, cidr: ""));
        var model = RuleFormModel.FromRule(stored);
        Assert.Equal((RemoteKind.Cidr, true), (model.Remote, model.EmptyCidrMeansNotSet));
        Assert.Null(Valid(model).RemoteIpPrefix);
        Assert.True(model.Exposure.IsExposed); // SSH from any address
    }

    [Fact]
    public void All_ports_of_TCP_or_UDP_and_any_protocol_are_exposed_but_ICMP_is_not()
    {
        var allTcp = Tcp(port: null, cidr: "0.0.0.0/0");
        allTcp.PortMode = PortMode.All;
        Assert.True(allTcp.Exposure.IsExposed);

        var anyProtocol = new RuleFormModel { GroupId = Group, TemplateKey = RuleFormModel.OtherProtocol, Remote = RemoteKind.Anywhere };
        Assert.True(anyProtocol.Exposure.IsExposed);

        var icmp = new RuleFormModel { GroupId = Group, TemplateKey = "all_icmp", Remote = RemoteKind.Anywhere };
        Assert.False(icmp.Exposure.IsExposed);

        // Once unmarked here while the operator overview listed it: every UDP port from anywhere is exposed.
        var udp = new RuleFormModel { GroupId = Group, TemplateKey = "all_udp", Remote = RemoteKind.Anywhere };
        Assert.Equal(ExposureReason.AllPorts, udp.Exposure.Reason);

        var myIp = new RuleFormModel { GroupId = Group, TemplateKey = RuleFormModel.OtherProtocol, Remote = RemoteKind.MyIp };
        Assert.False(myIp.Exposure.IsExposed); // the client address is not known yet: still not the whole internet

        var groupNotChosen = new RuleFormModel { GroupId = Group, TemplateKey = RuleFormModel.OtherProtocol, Remote = RemoteKind.Group };
        Assert.False(groupNotChosen.Exposure.IsExposed);
    }

    [Fact]
    public void Templates_set_protocol_ports_and_direction()
    {
        var model = new RuleFormModel { GroupId = Group, Remote = RemoteKind.Cidr, EmptyCidrMeansNotSet = true, Direction = "egress", Cidr = "10.0.0.0/8" };

        model.ApplyTemplate("ssh");
        Assert.Equal(("ingress", "tcp", 22, 22), (model.Direction, model.Protocol, model.Ports.Min, model.Ports.Max));

        model.Direction = "egress";
        model.ApplyTemplate("all_udp"); // no direction of its own: keeps the user's
        var allUdp = Valid(model);
        Assert.Equal(("egress", "udp", (int?)null, (int?)null), (allUdp.Direction, allUdp.Protocol, allUdp.PortRangeMin, allUdp.PortRangeMax));

        model.ApplyTemplate("all_icmp");
        model.Cidr = "2001:db8::/32";
        Assert.Equal("ipv6-icmp", Valid(model).Protocol);
    }

    [Fact]
    public void Every_named_template_validates_and_sensitive_ones_warn_from_anywhere()
    {
        foreach (var template in RuleTemplates.All.Where(t => !t.IsCustom))
        {
            var model = new RuleFormModel { GroupId = Group, Remote = RemoteKind.Anywhere };
            model.ApplyTemplate(template.Key);
            Valid(model);
            Assert.True(template.IsSensitive == model.Exposure.IsExposed, template.Key);
        }
    }
}
