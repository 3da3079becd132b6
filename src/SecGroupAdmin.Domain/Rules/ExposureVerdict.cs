using System.Globalization;
using SecGroupAdmin.Domain.Protocols;
using SecGroupAdmin.Domain.Templates;

namespace SecGroupAdmin.Domain.Rules;

/// <summary>
/// The answer of <see cref="RuleExposure.Of"/>: whether a rule is exposed to the whole internet and why.
/// <paramref name="SensitivePort"/> is the first admin or database port the range covers (only for
/// <see cref="ExposureReason.SensitivePort"/>). The default value means "not exposed".
/// </summary>
public readonly record struct ExposureVerdict(ExposureReason Reason, int? SensitivePort = null)
{
    public static ExposureVerdict NotExposed => default;

    public bool IsExposed => Reason != ExposureReason.None;

    /// <summary>The service on <see cref="SensitivePort"/>, e.g. "SSH" for 22; null when there is none.</summary>
    public string? ServiceName => SensitivePort is { } port ? RuleTemplates.NameForPort(IpProtocols.Tcp, port) : null;

    /// <summary>
    /// What the rule opens: "all protocols", "all ports", "sensitive port 22 (SSH)"; null when not exposed.
    /// The add-rule warning says "This opens &lt;What&gt; to the whole internet".
    /// </summary>
    public string? What => Reason switch
    {
        ExposureReason.AllProtocols => "all protocols",
        ExposureReason.AllPorts => "all ports",
        ExposureReason.SensitivePort when ServiceName is { } name =>
            string.Create(CultureInfo.InvariantCulture, $"sensitive port {SensitivePort} ({name})"),
        ExposureReason.SensitivePort => string.Create(CultureInfo.InvariantCulture, $"sensitive port {SensitivePort}"),
        _ => null,
    };

    /// <summary>The reason as the operator overview lists it: "all ports from anywhere"; null when not exposed.</summary>
    public string? Text => What is { } what ? what + " from anywhere" : null;
}
