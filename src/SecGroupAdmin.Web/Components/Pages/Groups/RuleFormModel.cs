using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Rules;
using SecGroupAdmin.Domain.Templates;

namespace SecGroupAdmin.Web.Components.Pages.Groups;

/// <summary>
/// The add/edit rule form as plain state: template, direction, protocol fields, remote. It builds the same
/// <see cref="RuleInput"/> the API would and validates it with the shared Domain validator, so the form shows
/// Neutron's exact messages under the right field before anything is sent.
/// </summary>
public sealed class RuleFormModel
{
    public const string CustomTcp = "tcp";
    public const string CustomUdp = "udp";
    public const string CustomIcmp = "icmp";
    public const string OtherProtocol = "custom";

    public string GroupId { get; set; } = "";
    public string TemplateKey { get; set; } = CustomTcp;
    public string Direction { get; set; } = Directions.Ingress;
    public PortMode PortMode { get; set; } = PortMode.Single;
    public int? Port { get; set; }
    public int? PortFrom { get; set; }
    public int? PortTo { get; set; }
    /// <summary>ICMP type; -1 or empty means any.</summary>
    public int? IcmpType { get; set; }
    /// <summary>ICMP code; -1 or empty means any.</summary>
    public int? IcmpCode { get; set; }
    /// <summary>
    /// The IP protocol for "Other protocol": a name the Domain knows (sctp, gre, vrrp, …) or a number 0–255; empty or -1
    /// means any. Checked by the shared validator, as the API's <c>protocol</c>.
    /// </summary>
    public string ProtocolText { get; set; } = "";
    public RemoteKind Remote { get; set; } = RemoteKind.NotChosen;
    public string Cidr { get; set; } = "";
    /// <summary>
    /// Whether an empty CIDR may be saved, as "not set" (any address): only when editing a rule stored that way and for
    /// default rules (Neutron's own template has such rules). A new rule needs a CIDR typed or Anywhere chosen, so an
    /// empty field is never saved as "from anywhere" by accident.
    /// </summary>
    public bool EmptyCidrMeansNotSet { get; set; }
    public string? RemoteGroupId { get; set; }
    /// <summary>The address group chosen when <see cref="Remote"/> is <see cref="RemoteKind.AddressGroup"/>.</summary>
    public string? RemoteAddressGroupId { get; set; }
    public string Ethertype { get; set; } = Ethertypes.IPv4;
    public string? ClientAddress { get; set; }
    public string Description { get; set; } = "";

    public RuleTemplate? Template => RuleTemplates.ByKey(TemplateKey);

    public bool IsIcmp => TemplateKey is CustomIcmp or "all_icmp";
    public bool IsOther => TemplateKey == OtherProtocol;
    public bool HasPortFields => TemplateKey is CustomTcp or CustomUdp;

    /// <summary>The ethertype the rule will have: from the CIDR's family when a CIDR is used.</summary>
    public string EffectiveEthertype => Remote switch
    {
        RemoteKind.Cidr when Cidr.Contains(':') => Ethertypes.IPv6,
        RemoteKind.Cidr when Cidr.Length > 0 => Ethertypes.IPv4,
        RemoteKind.MyIp when (ClientAddress ?? "").Contains(':') => Ethertypes.IPv6,
        RemoteKind.MyIp => Ethertypes.IPv4,
        _ => Ethertype,
    };

    public string? Protocol => TemplateKey switch
    {
        CustomTcp => "tcp",
        CustomUdp => "udp",
        CustomIcmp => EffectiveEthertype == Ethertypes.IPv6 ? "ipv6-icmp" : "icmp",
        OtherProtocol => ProtocolText.Trim() is "" or "-1" ? null : ProtocolText.Trim(),
        _ when Template?.Protocol is "icmp" && EffectiveEthertype == Ethertypes.IPv6 => "ipv6-icmp",
        _ => Template?.Protocol,
    };

    public (int? Min, int? Max) Ports => TemplateKey switch
    {
        CustomTcp or CustomUdp => PortMode switch
        {
            PortMode.Single => (Port, Port),
            PortMode.Range => (PortFrom, PortTo),
            _ => (null, null),
        },
        CustomIcmp => (AnyToNull(IcmpType), AnyToNull(IcmpCode)),
        OtherProtocol => (null, null),
        _ => (Template?.PortRangeMin, Template?.PortRangeMax),
    };

    public string? RemoteIpPrefix => Remote switch
    {
        RemoteKind.Cidr => string.IsNullOrWhiteSpace(Cidr) ? null : Cidr.Trim(),
        RemoteKind.MyIp => ClientAddress is null ? null : ClientAddress + (ClientAddress.Contains(':') ? "/128" : "/32"),
        RemoteKind.Anywhere => Ethertype == Ethertypes.IPv6 ? "::/0" : "0.0.0.0/0",
        _ => null,
    };

    /// <summary>
    /// Whether and why the rule as filled in would be exposed to the whole internet (<see cref="RuleExposure"/>);
    /// shown as a warning, not an error. An empty CIDR is "not set": any address, as open as 0.0.0.0/0.
    /// </summary>
    public ExposureVerdict Exposure
    {
        get
        {
            if (Remote == RemoteKind.MyIp || !RemoteGiven)
            {
                // One address (or none known yet), never the whole internet; or no source yet: nothing to warn about.
                return ExposureVerdict.NotExposed;
            }
            var (min, max) = Ports;
            // A group not chosen yet is still a group: "" keeps it from reading as "no remote".
            var remoteGroup = Remote == RemoteKind.Group ? RemoteGroupId ?? "" : null;
            var remoteAddressGroup = Remote == RemoteKind.AddressGroup ? RemoteAddressGroupId ?? "" : null;
            return RuleExposure.Of(new NormalizedRule(GroupId, Direction, EffectiveEthertype, Protocol, min, max,
                RemoteIpPrefix, null, remoteGroup, remoteAddressGroup, Description));
        }
    }

    /// <summary>Whether the remote is chosen and, for a CIDR, typed (or may stay empty, see <see cref="EmptyCidrMeansNotSet"/>).</summary>
    public bool RemoteGiven => Remote switch
    {
        RemoteKind.NotChosen => false,
        RemoteKind.Cidr => EmptyCidrMeansNotSet || !string.IsNullOrWhiteSpace(Cidr),
        _ => true,
    };

    public RuleInput ToInput()
    {
        var (min, max) = Ports;
        return RuleInput.FromForm(GroupId, Direction, EffectiveEthertype, Protocol, min, max,
            RemoteIpPrefix, Remote == RemoteKind.Group ? RemoteGroupId : null, Description,
            Remote == RemoteKind.AddressGroup ? RemoteAddressGroupId : null);
    }

    /// <summary>Validates with the Domain; the error (if any) and the form field it belongs under.</summary>
    public (NormalizedRule Rule, NeutronError? Error, string? FormField) Validate()
    {
        if (MissingInput() is { } missing)
        {
            return (default, missing.Error, missing.FormField);
        }
        var result = RuleValidator.Validate(ToInput());
        if (!result.IsValid)
        {
            return (default, result.Error, FormFieldFor(result.Error!));
        }
        // The fields are checked as typed before the source is chosen; the rule is complete only with one.
        return MissingRemote() is { } remote ? (default, remote.Error, remote.FormField) : (result.Rule, null, null);
    }

    /// <summary>A choice the form needs before the Domain can check the rule (also for a default rule), or null.</summary>
    public (NeutronError Error, string FormField)? MissingInput()
    {
        if (Remote == RemoteKind.Group && string.IsNullOrEmpty(RemoteGroupId))
        {
            return (new NeutronError(NeutronErrorTypes.Required, "Choose a security group.", 400, "remote_group_id"), "remote_group");
        }
        if (Remote == RemoteKind.AddressGroup && string.IsNullOrEmpty(RemoteAddressGroupId))
        {
            return (new NeutronError(NeutronErrorTypes.Required, "Choose an address group.", 400, "remote_address_group_id"), "remote_address_group");
        }
        // "Port" and "Port range" need their numbers: left empty they would silently store "all ports".
        if (HasPortFields && PortMode == PortMode.Single && Port is null)
        {
            return (new NeutronError(NeutronErrorTypes.Required, "Enter a port, or choose All ports.", 400, "port_range_min"), "port");
        }
        if (HasPortFields && PortMode == PortMode.Range && PortFrom is null && PortTo is null)
        {
            return (new NeutronError(NeutronErrorTypes.Required, "Enter the first and last port, or choose All ports.", 400, "port_range_min"), "port_from");
        }
        if (Remote == RemoteKind.MyIp && ClientAddress is null)
        {
            return (new NeutronError(NeutronErrorTypes.Required, "Your address is not known here; type it as a CIDR.", 400, "remote_ip_prefix"), "cidr");
        }
        return null;
    }

    /// <summary>The source (or destination) not yet given: nothing chosen, or CIDR chosen and left empty for a new rule.</summary>
    public (NeutronError Error, string FormField)? MissingRemote()
    {
        if (Remote == RemoteKind.Cidr && !RemoteGiven)
        {
            return (new NeutronError(NeutronErrorTypes.Required, "Enter a CIDR, or choose Anywhere.", 400, "remote_ip_prefix"), "cidr");
        }
        if (Remote == RemoteKind.NotChosen)
        {
            return (new NeutronError(NeutronErrorTypes.Required, $"Choose where the traffic {(Direction == Directions.Egress ? "goes to" : "comes from")}.", 400, "remote_ip_prefix"), "remote");
        }
        return null;
    }

    /// <summary>Which input shows an API field's error in this form.</summary>
    public string FormFieldFor(NeutronError error) => error.Field switch
    {
        "port_range_min" when IsIcmp => "icmp_type",
        "port_range_max" when IsIcmp => "icmp_code",
        "port_range_min" when PortMode == PortMode.Single => "port",
        "port_range_max" when PortMode == PortMode.Single => "port",
        "port_range_min" => "port_from",
        "port_range_max" => "port_to",
        "remote_ip_prefix" => Remote == RemoteKind.Cidr ? "cidr" : "remote",
        "remote_group_id" => "remote_group",
        "remote_address_group_id" => "remote_address_group",
        "ethertype" => Remote == RemoteKind.Cidr ? "cidr" : "ethertype",
        "protocol" => IsOther ? "protocol_number" : "template",
        "description" => "description",
        _ => "form",
    };

    /// <summary>Chooses a template: its protocol and ports, and its direction when it has one.</summary>
    public void ApplyTemplate(string key)
    {
        TemplateKey = key;
        if (Template?.Direction is { } direction)
        {
            Direction = direction;
        }
    }

    /// <summary>Fills the form from a stored rule (for editing).</summary>
    public static RuleFormModel FromRule(NormalizedRule rule)
    {
        var model = new RuleFormModel
        {
            GroupId = rule.SecurityGroupId,
            Direction = rule.Direction,
            Ethertype = rule.Ethertype,
            Description = rule.Description,
        };
        var number = rule.Protocol is null ? (int?)null : RuleValidator.TryGetProtocolNumber(rule.Protocol, out var n) ? n : null;
        switch (number)
        {
            case 6 or 17:
                model.TemplateKey = number == 6 ? CustomTcp : CustomUdp;
                model.PortMode = rule.PortRangeMin is null ? PortMode.All : rule.PortRangeMin == rule.PortRangeMax ? PortMode.Single : PortMode.Range;
                model.Port = rule.PortRangeMin;
                model.PortFrom = rule.PortRangeMin;
                model.PortTo = rule.PortRangeMax;
                break;
            case 1 or 58:
                model.TemplateKey = CustomIcmp;
                model.IcmpType = rule.PortRangeMin;
                model.IcmpCode = rule.PortRangeMax;
                break;
            default:
                model.TemplateKey = OtherProtocol;
                model.ProtocolText = rule.Protocol ?? "";
                break;
        }
        // A rule that is exactly a preset (an ingress 22/tcp rule is "SSH") shows the preset's name.
        if (RuleTemplates.Matching(rule) is { } template)
        {
            model.TemplateKey = template.Key;
        }
        if (rule.RemoteAddressGroupId is not null)
        {
            model.Remote = RemoteKind.AddressGroup;
            model.RemoteAddressGroupId = rule.RemoteAddressGroupId;
        }
        else if (rule.RemoteGroupId is not null)
        {
            model.Remote = RemoteKind.Group;
            model.RemoteGroupId = rule.RemoteGroupId;
        }
        else if (rule.RemoteIpPrefix is "0.0.0.0/0" or "::/0")
        {
            model.Remote = RemoteKind.Anywhere;
        }
        else if (rule.RemoteIpPrefix is null)
        {
            // "Any (not set)": an empty CIDR keeps the prefix unset, as stored.
            model.Remote = RemoteKind.Cidr;
            model.Cidr = "";
            model.EmptyCidrMeansNotSet = true;
        }
        else
        {
            model.Remote = RemoteKind.Cidr;
            model.Cidr = rule.RemoteIpPrefix;
        }
        return model;
    }

    private static int? AnyToNull(int? value) => value is null or -1 ? null : value;
}
