using SecGroupAdmin.Domain.Protocols;

namespace SecGroupAdmin.Domain.Analysis;

/// <summary>
/// The universe of each IP protocol number: port protocols (tcp, udp, dccp, sctp, udplite) carry a port 1-65535,
/// ICMP and IPv6-ICMP a type and a code 0-255, the others nothing (a single point). Protocol number 0 (ip/hopopt) in a
/// rule means all protocols, as in <see cref="Rules.RuleExposure"/>.
/// </summary>
internal static class ProtocolClasses
{
    public const int AllPortsLow = 1;
    public const int AllPortsHigh = 65535;

    /// <summary>The protocol numbers cut into maximal runs of the same class, each clamped to its universe.</summary>
    private static readonly (int P0, int P1, int A0, int A1, int B0, int B1)[] Segments = BuildSegments();

    /// <summary>The A (port/type) and B (code) universe of a protocol number.</summary>
    public static (int A0, int A1, int B0, int B1) Universe(int protocol) =>
        IpProtocols.AllowsPorts(protocol) ? (AllPortsLow, AllPortsHigh, 0, 0)
        : IpProtocols.IsIcmp(protocol) ? (0, 255, 0, 255)
        : (0, 0, 0, 0);

    /// <summary>Adds the parts of <paramref name="box"/> inside the protocols' universes, one per run of the same class.</summary>
    public static void ClampInto(in TrafficBox box, List<TrafficBox> output)
    {
        if (box.P0 == box.P1)
        {
            var (a0, a1, b0, b1) = Universe(box.P0);
            var single = box with { A0 = Math.Max(a0, box.A0), A1 = Math.Min(a1, box.A1), B0 = Math.Max(b0, box.B0), B1 = Math.Min(b1, box.B1) };
            if (!single.IsEmpty)
            {
                output.Add(single);
            }
            return;
        }
        foreach (var s in Segments)
        {
            var part = box.Intersect(new TrafficBox(s.P0, s.P1, s.A0, s.A1, s.B0, s.B1, int.MinValue, int.MaxValue, UInt128.Zero, UInt128.MaxValue));
            if (!part.IsEmpty)
            {
                output.Add(part);
            }
        }
    }

    private static (int, int, int, int, int, int)[] BuildSegments()
    {
        var list = new List<(int, int, int, int, int, int)>();
        int start = 0;
        for (int p = 1; p <= 256; p++)
        {
            if (p == 256 || Universe(p) != Universe(start))
            {
                var (a0, a1, b0, b1) = Universe(start);
                list.Add((start, p - 1, a0, a1, b0, b1));
                start = p;
            }
        }
        return [.. list];
    }
}
