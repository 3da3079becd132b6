namespace SecGroupAdmin.Domain.Rules;

/// <summary>Why a rule is exposed to the whole internet (see <see cref="RuleExposure"/>).</summary>
public enum ExposureReason
{
    /// <summary>Not exposed.</summary>
    None,

    /// <summary>Every protocol (no protocol, "any", or protocol 0 / "ip").</summary>
    AllProtocols,

    /// <summary>Every port of a port protocol (TCP, UDP, DCCP, SCTP, UDP-Lite): no range, or 1-65535.</summary>
    AllPorts,

    /// <summary>A TCP range that covers an admin or database port (<see cref="Templates.RuleTemplates.SensitiveTcpPorts"/>).</summary>
    SensitivePort,
}
