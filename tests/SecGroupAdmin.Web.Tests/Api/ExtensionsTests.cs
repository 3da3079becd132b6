namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// <c>GET /v2.0/extensions</c> against what the reference Neutron (Zed, python3-neutron 21.0.0, ML2 without mechanism
/// drivers) answered on 2026-12-07 (54 extensions, recorded below in its order): every extension we list is one
/// of the reference's with its exact name, description and date, except those documented in NeutronApi
/// (<c>port-security</c>, not loaded by the reference, the newer <c>security-groups-rules-belongs-to-default-sg</c> and
/// <c>security-groups-default-rules</c>, and <c>standard-attr-tag</c>, whose name lists the resources tagged here);
/// and the list is exactly what is implemented today.
/// </summary>
public class ExtensionsTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    /// <summary>The reference's answer: alias, name, description, updated (links were empty for all).</summary>
    public static readonly (string Alias, string Name, string Description, string Updated)[] Reference =
    [
        ("address-group", "Address group", "Support address group", "2020-07-15T10:00:00-00:00"),
        ("address-scope", "Address scope", "Address scopes extension.", "2015-07-26T10:00:00-00:00"),
        ("agent", "agent", "The agent management extension.", "2013-02-03T10:00:00-00:00"),
        ("agent-resources-synced", "Agent's Resource View Synced to Placement", "Stores success/failure of last sync to Placement", "2018-12-19T00:00:00-00:00"),
        ("allowed-address-pairs", "Allowed Address Pairs", "Provides allowed address pairs", "2013-07-23T10:00:00-00:00"),
        ("availability_zone", "Availability Zone", "The availability zone extension.", "2015-01-01T10:00:00-00:00"),
        ("availability_zone_filter", "Availability Zone Filter Extension", "Add filter parameters to AvailabilityZone resource", "2018-06-22T10:00:00-00:00"),
        ("default-subnetpools", "Default Subnetpools", "Provides ability to mark and use a subnetpool as the default.", "2016-02-18T18:00:00-00:00"),
        ("dhcp_agent_scheduler", "DHCP Agent Scheduler", "Schedule networks among dhcp agents", "2013-02-07T10:00:00-00:00"),
        ("empty-string-filtering", "Empty String Filtering Extension", "Allow filtering by attributes with empty string value", "2018-05-01T10:00:00-00:00"),
        ("external-net", "Neutron external network", "Adds external network attribute to network resource.", "2013-01-14T10:00:00-00:00"),
        ("extra_dhcp_opt", "Neutron Extra DHCP options", "Extra options configuration for DHCP. For example PXE boot options to DHCP clients can be specified (e.g. tftp-server, server-ip-address, bootfile-name)", "2013-03-17T12:00:00-00:00"),
        ("filter-validation", "Filter parameters validation", "Provides validation on filter parameters.", "2018-07-04T10:00:00-00:00"),
        ("flavors", "Neutron Service Flavors", "Flavor specification for Neutron advanced services.", "2015-09-17T10:00:00-00:00"),
        ("ip-substring-filtering", "IP address substring filtering", "Provides IP address substring filtering when listing ports", "2017-11-28T09:00:00-00:00"),
        ("multi-provider", "Multi Provider Network", "Expose mapping of virtual networks to multiple physical networks", "2013-06-27T10:00:00-00:00"),
        ("net-mtu", "Network MTU", "Provides MTU attribute for a network resource.", "2015-03-25T10:00:00-00:00"),
        ("net-mtu-writable", "Network MTU (writable)", "Provides a writable MTU attribute for a network resource.", "2017-07-12T00:00:00-00:00"),
        ("network_availability_zone", "Network Availability Zone", "Availability zone support for network.", "2015-01-01T10:00:00-00:00"),
        ("network-ip-availability", "Network IP Availability", "Provides IP availability data for each network and subnet.", "2015-09-24T00:00:00-00:00"),
        ("pagination", "Pagination support", "Extension that indicates that pagination is enabled.", "2016-06-12T00:00:00-00:00"),
        ("port-device-profile", "Port device profile", "Expose the port device profile (Cyborg)", "2020-12-17T10:00:00-00:00"),
        ("port-mac-override", "Neutron Port MAC address override", "Allow overriding the MAC address of a direct-physical Port via the active binding profile", "2022-03-18T10:00:00-00:00"),
        ("port-mac-address-regenerate", "Neutron Port MAC address regenerate", "Network port MAC address regenerate", "2018-05-03T10:00:00-00:00"),
        ("port-numa-affinity-policy", "Port NUMA affinity policy", "Expose the port NUMA affinity policy", "2020-07-08T10:00:00-00:00"),
        ("binding", "Port Binding", "Expose port bindings of a virtual port to external application", "2014-02-03T10:00:00-00:00"),
        ("binding-extended", "Port Bindings Extended", "Expose port bindings of a virtual port to external application", "2017-07-17T10:00:00-00:00"),
        ("project-id", "project_id field enabled", "Extension that indicates that project_id field is enabled.", "2016-09-09T09:09:09-09:09"),
        ("provider", "Provider Network", "Expose mapping of virtual networks to physical networks", "2012-09-07T10:00:00-00:00"),
        ("quota-check-limit", "Quota engine limit check", "Support for checking the resource usage before applying a new quota limit", "2021-09-08T16:00:00-00:00"),
        ("quotas", "Quota management support", "Expose functions for quotas management per project", "2012-07-29T10:00:00-00:00"),
        ("quota_details", "Quota details management support", "Expose functions for quotas usage statistics per project", "2017-02-10T10:00:00-00:00"),
        ("rbac-policies", "RBAC Policies", "Allows creation and modification of policies that control tenant access to resources.", "2015-06-17T12:15:12-00:00"),
        ("rbac-address-group", "Add address_group type to RBAC", "Add address_group type to network RBAC", "2021-01-20T00:00:00-00:00"),
        ("rbac-address-scope", "Add address_scope type to RBAC", "Add address_scope type to RBAC", "2020-02-12T00:00:00-00:00"),
        ("rbac-security-groups", "Add security_group type to network RBAC", "Add security_group type to network RBAC", "2019-02-14T00:00:00-00:00"),
        ("rbac-subnetpool", "Add subnetpool type to RBAC", "Add subnetpool type to RBAC", "2020-02-05T00:00:00-00:00"),
        ("revision-if-match", "If-Match constraints based on revision_number", "Extension indicating that If-Match based on revision_number is supported.", "2016-12-11T00:00:00-00:00"),
        ("standard-attr-revisions", "Resource revision numbers", "This extension will display the revision number of neutron resources.", "2016-04-11T10:00:00-00:00"),
        ("security-groups-normalized-cidr", "Normalized CIDR field for security group rules", "Add new field with normalized remote_ip_prefix cidr in SG rule", "2020-07-28T10:00:00-00:00"),
        ("port-security-groups-filtering", "Port filtering on security groups", "Provides security groups filtering when listing ports", "2018-01-09T09:00:00-00:00"),
        ("security-groups-remote-address-group", "Remote address group id field for security group rules", "Add new field of remote address group id in SG rules", "2020-08-25T10:00:00-00:00"),
        ("security-groups-shared-filtering", "Security group filtering on the shared field", "Support filtering security groups on the shared field", "2021-10-05T09:00:00-00:00"),
        ("security-group", "security-group", "The security groups extension.", "2012-10-05T10:00:00-00:00"),
        ("service-type", "Neutron Service Type Management", "API for retrieving service providers for Neutron advanced services", "2013-01-20T00:00:00-00:00"),
        ("sorting", "Sorting support", "Extension that indicates that sorting is enabled.", "2016-06-12T00:00:00-00:00"),
        ("standard-attr-description", "standard-attr-description", "Extension to add descriptions to standard attributes", "2016-02-10T10:00:00-00:00"),
        ("stateful-security-group", "Stateful security group", "Indicates if the security group is stateful or not", "2019-11-26T09:00:00-00:00"),
        ("subnet_onboard", "Subnet Onboard", "Provides support for onboarding subnets into subnet pools", "2018-12-18T09:00:00-00:00"),
        ("subnet-service-types", "Subnet service types", "Provides ability to set the subnet service_types field", "2016-03-15T18:00:00-00:00"),
        ("subnet_allocation", "Subnet Allocation", "Enables allocation of subnets from a subnet pool", "2015-03-30T10:00:00-00:00"),
        ("subnetpool-prefix-ops", "Subnet Pool Prefix Operations", "Provides support for adjusting the prefix list of subnet pools", "2019-02-08T10:00:00-00:00"),
        ("standard-attr-tag", "Tag support for resources with standard attribute: port, subnet, subnetpool, network, security_group, router, floatingip, policy, trunk, network_segment_range", "Enables to set tag on resources with standard attribute.", "2017-01-01T00:00:00-00:00"),
        ("standard-attr-timestamp", "Resource timestamps", "Adds created_at and updated_at fields to all Neutron resources that have Neutron standard attributes.", "2016-09-12T10:00:00-00:00"),
    ];

    /// <summary>Ours, not the reference's: what we implement that it did not load, from neutron-lib.</summary>
    private static readonly Dictionary<string, (string Name, string Description, string Updated)> NotInReference = new()
    {
        ["port-security"] = ("Port Security", "Provides port security", "2012-07-23T10:00:00-00:00"),
        ["security-groups-rules-belongs-to-default-sg"] = ("Security group rule belongs to the project's default security group",
            "Flag to determine if the security group rule belongs to the project's default security group", "2023-05-23T10:00:00-00:00"),
        ["security-groups-default-rules"] = ("Default rules for security groups",
            "Configure set of security group rules used as default rules for every new security group", "2022-12-19T10:00:00-00:00"),
    };

    /// <summary>
    /// The reference's entries whose name we word differently: <c>standard-attr-tag</c>'s name lists the resources that
    /// carry tags (the reference's: its ports, networks, routers…; ours: groups and rules).
    /// </summary>
    private static readonly Dictionary<string, (string Name, string Description, string Updated)> NamedForOurResources = new()
    {
        ["standard-attr-tag"] = ("Tag support for resources with standard attribute: security_group, security_group_rule",
            "Enables to set tag on resources with standard attribute.", "2017-01-01T00:00:00-00:00"),
    };

    /// <summary>What SecGroupAdmin implements today.</summary>
    private static readonly string[] Implemented =
    [
        "address-group", "empty-string-filtering", "filter-validation", "pagination", "port-security", "port-security-groups-filtering",
        "project-id", "quotas", "rbac-address-group", "rbac-policies", "rbac-security-groups", "revision-if-match", "security-group", "security-groups-default-rules", "security-groups-normalized-cidr", "security-groups-remote-address-group",
        "security-groups-rules-belongs-to-default-sg", "security-groups-shared-filtering", "sorting", "standard-attr-description",
        "standard-attr-revisions", "standard-attr-tag", "standard-attr-timestamp", "stateful-security-group",
    ];

    [Fact]
    public async Task Each_extension_is_the_references_entry_and_the_list_is_what_is_implemented()
    {
        var (status, body) = await ApiTestHost.SendAsync(host.Client("memberA"), "GET", "/v2.0/extensions");
        Assert.Equal(200, status);
        var listed = body!["extensions"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal(Implemented, listed.Select(e => (string)e["alias"]!).Order(StringComparer.Ordinal));
        var reference = Reference.ToDictionary(e => e.Alias);
        foreach (var e in listed)
        {
            var alias = (string)e["alias"]!;
            var expected = NamedForOurResources.TryGetValue(alias, out var ours) ? ours
                : reference.TryGetValue(alias, out var r) ? (r.Name, r.Description, r.Updated) : NotInReference[alias];
            Assert.Equal(expected, ((string)e["name"]!, (string)e["description"]!, (string)e["updated"]!));
            Assert.Empty(e["links"]!.AsArray());
            Assert.Equal(["alias", "description", "links", "name", "updated"], e.Select(p => p.Key).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void What_we_claim_beyond_the_reference_is_only_the_documented_ones()
    {
        var reference = Reference.Select(e => e.Alias).ToHashSet();
        Assert.Equal(NotInReference.Keys.Order(StringComparer.Ordinal), Implemented.Where(a => !reference.Contains(a)).Order(StringComparer.Ordinal));
    }
}
