using System.Globalization;
using SecGroupAdmin.Domain.Protocols;

namespace SecGroupAdmin.Domain.Analysis;

/// <summary>Words for boxes of traffic: "tcp/22 from 0.0.0.0/0", "icmp type 8 to 10.0.0.0/24", "all protocols from ::/0".</summary>
internal static class TrafficText
{
    /// <summary>The protocol and ports of a box: "tcp/22", "udp/1000-2000", "tcp (all ports)", "icmp type 8 code 0", "gre", "all protocols".</summary>
    public static string ProtocolPart(in TrafficBox box)
    {
        if (box.P0 != box.P1)
        {
            return box.P0 <= 0 && box.P1 >= 255 ? "all protocols" : Invariant($"protocols {box.P0}-{box.P1}");
        }
        int p = box.P0;
        string name = IpProtocols.CanonicalName(p) ?? Invariant($"protocol {p}");
        if (IpProtocols.AllowsPorts(p))
        {
            return box.A0 <= ProtocolClasses.AllPortsLow && box.A1 >= ProtocolClasses.AllPortsHigh ? name + " (all ports)"
                : box.A0 == box.A1 ? Invariant($"{name}/{box.A0}")
                : Invariant($"{name}/{box.A0}-{box.A1}");
        }
        if (IpProtocols.IsIcmp(p))
        {
            bool allTypes = box.A0 <= 0 && box.A1 >= 255;
            bool allCodes = box.B0 <= 0 && box.B1 >= 255;
            if (allTypes && allCodes)
            {
                return name;
            }
            string types = box.A0 == box.A1 ? Invariant($" type {box.A0}") : allTypes ? " any type" : Invariant($" types {box.A0}-{box.A1}");
            string codes = allCodes ? "" : box.B0 == box.B1 ? Invariant($" code {box.B0}") : Invariant($" codes {box.B0}-{box.B1}");
            return name + types + codes;
        }
        return name;
    }

    /// <summary>"from" for ingress (bucket 0, 1), "to" for egress.</summary>
    public static string Preposition(int bucket) => bucket >= 2 ? "to" : "from";

    /// <summary>
    /// Addresses as CIDRs: "0.0.0.0/0", "10.0.0.0/25, 10.0.0.128/26"; when that is long and shorter the other way,
    /// "0.0.0.0/0 except 10.0.0.0/8".
    /// </summary>
    public static string Addresses(List<(UInt128 Low, UInt128 High)> intervals, bool ipv6)
    {
        List<(UInt128 Low, UInt128 High)> merged = Merge(intervals);
        var cidrs = new List<string>();
        foreach (var (low, high) in merged)
        {
            cidrs.AddRange(AddressMath.ToCidrs(low, high, ipv6));
        }
        if (cidrs.Count > 2)
        {
            var (outerLow, outerHigh) = AddressMath.Enclosing(merged[0].Low, merged[^1].High, ipv6);
            var holes = new List<string>();
            UInt128 cursor = outerLow;
            bool atEnd = false;
            foreach (var (low, high) in merged)
            {
                if (low > cursor)
                {
                    holes.AddRange(AddressMath.ToCidrs(cursor, low - UInt128.One, ipv6));
                }
                if (high == AddressMath.MaxOf(ipv6))
                {
                    atEnd = true;
                    break;
                }
                cursor = high + UInt128.One;
            }
            if (!atEnd && cursor <= outerHigh)
            {
                holes.AddRange(AddressMath.ToCidrs(cursor, outerHigh, ipv6));
            }
            if (holes.Count < cidrs.Count)
            {
                return AddressMath.ToCidrs(outerLow, outerHigh, ipv6)[0] + " except " + string.Join(", ", holes);
            }
        }
        return string.Join(", ", cidrs);
    }

    /// <summary>Sorts and joins touching or overlapping intervals.</summary>
    public static List<(UInt128 Low, UInt128 High)> Merge(IEnumerable<(UInt128 Low, UInt128 High)> intervals)
    {
        var result = new List<(UInt128 Low, UInt128 High)>();
        foreach (var (low, high) in intervals.OrderBy(i => i.Low))
        {
            if (result.Count > 0 && (result[^1].High == UInt128.MaxValue || low <= result[^1].High + UInt128.One))
            {
                result[^1] = (result[^1].Low, UInt128.Max(result[^1].High, high));
            }
            else
            {
                result.Add((low, high));
            }
        }
        return result;
    }

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
