namespace SecGroupAdmin.Domain.Errors;

/// <summary>
/// An error as Neutron reports it: <paramref name="Type"/> is Neutron's exception class name
/// (the <c>NeutronError.type</c> of the error envelope), <paramref name="Message"/> its exact text,
/// <paramref name="Status"/> the HTTP status and <paramref name="Field"/> the API attribute it concerns
/// (for showing the error under a form field), or null. The known types are <see cref="NeutronErrorTypes"/>.
/// </summary>
public sealed record NeutronError(string Type, string Message, int Status, string? Field = null)
{
    /// <summary>
    /// For <see cref="NeutronErrorTypes.SecurityGroupRuleExists"/>: the id of the rule that already exists (the
    /// message names it too, as Neutron's does); null otherwise. Not part of the API's error envelope.
    /// </summary>
    public string? ExistingRuleId { get; init; }
}
