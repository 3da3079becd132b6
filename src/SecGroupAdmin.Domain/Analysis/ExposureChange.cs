namespace SecGroupAdmin.Domain.Analysis;

/// <summary>
/// Traffic a draft change newly allows (<see cref="ExposureChangeKind.Opens"/>) or newly blocks on some ports:
/// <paramref name="Traffic"/> such as "tcp/22 from 0.0.0.0/0", the ports (ids and names, in model order) and the
/// sentence, e.g. "newly opens tcp/22 from 0.0.0.0/0 on 3 ports: web-1, web-2, web-3".
/// </summary>
public sealed record ExposureChange(
    ExposureChangeKind Kind,
    string Direction,
    string Ethertype,
    string Traffic,
    IReadOnlyList<string> PortIds,
    IReadOnlyList<string> PortNames,
    string Text);
