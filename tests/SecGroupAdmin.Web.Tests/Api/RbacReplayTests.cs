namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// Replays, in order, every row of <see cref="RbacObservations"/> (what the reference Neutron Zed answered to RBAC sharing requests)
/// against our API over Kestrel and SQLite (<see cref="ObservationReplay"/>): status, NeutronError type and exact message,
/// and the recorded shape of success bodies.
/// </summary>
public class RbacReplayTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    [Fact]
    public Task Every_rbac_row_answers_like_the_reference() => ObservationReplay.RunAsync(host, RbacObservations.Rows);
}
