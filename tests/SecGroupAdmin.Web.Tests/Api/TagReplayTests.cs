namespace SecGroupAdmin.Web.Tests.Api;

/// <summary>
/// Replays, in order, every row of <see cref="TagObservations"/> (what the reference Neutron Zed answered to tag requests)
/// against our API over Kestrel and SQLite (<see cref="ObservationReplay"/>): status, NeutronError type and exact message,
/// and the recorded shape of success bodies.
/// </summary>
public class TagReplayTests(ApiTestHost host) : IClassFixture<ApiTestHost>
{
    [Fact]
    public Task Every_tag_row_answers_like_the_reference() => ObservationReplay.RunAsync(host, TagObservations.Rows);
}
