namespace SecGroupAdmin.Domain.Errors;

/// <summary>
/// An error as Neutron reports it: <paramref name="Type"/> is Neutron's exception class name
/// (the <c>NeutronError.type</c> of the error envelope), <paramref name="Message"/> its exact text,
/// <paramref name="Status"/> the HTTP status and <paramref name="Field"/> the API attribute it concerns
/// (for showing the error under a form field), or null.
/// </summary>
public sealed record NeutronError(string Type, string Message, int Status, string? Field = null);
