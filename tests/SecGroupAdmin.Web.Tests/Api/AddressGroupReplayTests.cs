namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// Replays, in order, every row of <see cref="AddressGroupObservations"/> (what the reference Neutron Zed answered to address-group requests)
/// against our API over Kestrel and SQLite (<see cref="ObservationReplay"/>): status, NeutronError type and exact message,
/// and the recorded shape of success bodies.
/// </summary>
public class AddressGroupReplayTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    [Fact]
    public Task Every_address_group_row_answers_like_the_reference() => ObservationReplay.RunAsync(host, AddressGroupObservations.Rows);
}
