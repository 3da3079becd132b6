namespace SecGroupAdmin.Domain.Errors;

/// <summary>A refusal with Neutron's error type, message and status; the API turns it into NeutronError JSON, forms into field errors.</summary>
public sealed class NeutronException(NeutronError error) : Exception(error.Message)
{
    public NeutronError Error { get; } = error;
}
