namespace SecGroupAdmin.Domain.Analysis;

/// <summary>
/// A set of packets of one direction and ethertype as a box of closed intervals: protocol number
/// (<see cref="P0"/>..<see cref="P1"/>), L4 port or ICMP type (<see cref="A0"/>..<see cref="A1"/>), ICMP code
/// (<see cref="B0"/>..<see cref="B1"/>), source space (<see cref="S0"/>..<see cref="S1"/>: 0 = real addresses,
/// k &gt; 0 = "a member of remote group k" when remotes are read symbolically) and remote address
/// (<see cref="X0"/>..<see cref="X1"/>, an IPv4 address in the low 32 bits or an IPv6 address).
/// <para>Each protocol has its own universe (see <see cref="ProtocolClasses"/>): ports 1-65535 for port protocols,
/// type and code 0-255 for ICMP, a single point (0, 0) for the others. Rule boxes for one protocol stay inside it;
/// an all-protocols box is wider and is cut back by intersection.</para>
/// </summary>
internal readonly record struct TrafficBox(
    int P0, int P1, int A0, int A1, int B0, int B1, int S0, int S1, UInt128 X0, UInt128 X1)
{
    public bool IsEmpty => P0 > P1 || A0 > A1 || B0 > B1 || S0 > S1 || X0 > X1;

    public bool Intersects(in TrafficBox o) =>
        P0 <= o.P1 && o.P0 <= P1 && A0 <= o.A1 && o.A0 <= A1 && B0 <= o.B1 && o.B0 <= B1 &&
        S0 <= o.S1 && o.S0 <= S1 && X0 <= o.X1 && o.X0 <= X1;

    public bool Contains(in TrafficBox o) =>
        P0 <= o.P0 && o.P1 <= P1 && A0 <= o.A0 && o.A1 <= A1 && B0 <= o.B0 && o.B1 <= B1 &&
        S0 <= o.S0 && o.S1 <= S1 && X0 <= o.X0 && o.X1 <= X1;

    public TrafficBox Intersect(in TrafficBox o) => new(
        Math.Max(P0, o.P0), Math.Min(P1, o.P1), Math.Max(A0, o.A0), Math.Min(A1, o.A1),
        Math.Max(B0, o.B0), Math.Min(B1, o.B1), Math.Max(S0, o.S0), Math.Min(S1, o.S1),
        UInt128.Max(X0, o.X0), UInt128.Min(X1, o.X1));

    /// <summary>Adds this box minus <paramref name="cut"/> to <paramref name="output"/> as disjoint boxes (at most 10).</summary>
    public void SubtractInto(in TrafficBox cut, List<TrafficBox> output)
    {
        if (!Intersects(cut))
        {
            output.Add(this);
            return;
        }
        TrafficBox r = this;
        if (r.P0 < cut.P0) { output.Add(r with { P1 = cut.P0 - 1 }); r = r with { P0 = cut.P0 }; }
        if (r.P1 > cut.P1) { output.Add(r with { P0 = cut.P1 + 1 }); r = r with { P1 = cut.P1 }; }
        if (r.A0 < cut.A0) { output.Add(r with { A1 = cut.A0 - 1 }); r = r with { A0 = cut.A0 }; }
        if (r.A1 > cut.A1) { output.Add(r with { A0 = cut.A1 + 1 }); r = r with { A1 = cut.A1 }; }
        if (r.B0 < cut.B0) { output.Add(r with { B1 = cut.B0 - 1 }); r = r with { B0 = cut.B0 }; }
        if (r.B1 > cut.B1) { output.Add(r with { B0 = cut.B1 + 1 }); r = r with { B1 = cut.B1 }; }
        if (r.S0 < cut.S0) { output.Add(r with { S1 = cut.S0 - 1 }); r = r with { S0 = cut.S0 }; }
        if (r.S1 > cut.S1) { output.Add(r with { S0 = cut.S1 + 1 }); r = r with { S1 = cut.S1 }; }
        if (r.X0 < cut.X0) { output.Add(r with { X1 = cut.X0 - 1 }); r = r with { X0 = cut.X0 }; }
        if (r.X1 > cut.X1) { output.Add(r with { X0 = cut.X1 + 1 }); }
    }
}
