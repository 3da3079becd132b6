using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Analysis;

/// <summary>
/// Addresses as numbers: an IPv4 address in the low 32 bits of a <see cref="UInt128"/>, an IPv6 address in all 128.
/// Prefixes are read with <see cref="IpPrefixParser"/> (so "10.0.0.34/24" means its network 10.0.0.0/24, exactly as
/// the rest of the Domain reads it) and become closed intervals.
/// </summary>
internal static class AddressMath
{
    public static UInt128 MaxOf(bool ipv6) => ipv6 ? UInt128.MaxValue : uint.MaxValue;

    /// <summary>Reads a prefix (or a bare address, which means /32 or /128) as the interval of its network.</summary>
    public static bool TryParsePrefix(string text, out bool ipv6, out UInt128 low, out UInt128 high)
    {
        low = high = UInt128.Zero;
        if (!IpPrefixParser.TryCanonicalize(text, out _, out string network, out ipv6))
        {
            return false;
        }
        int slash = network.IndexOf('/', StringComparison.Ordinal);
        int length = int.Parse(network.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture);
        if (!IPAddress.TryParse(network.AsSpan(0, slash), out IPAddress? address))
        {
            return false;
        }
        low = ToNumber(address);
        int bits = ipv6 ? 128 : 32;
        int hostBits = bits - length;
        UInt128 hostMask = hostBits >= 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - UInt128.One;
        high = low | hostMask;
        return true;
    }

    /// <summary>Reads one address (a prefix of full length is accepted too: "10.0.0.5/32").</summary>
    public static bool TryParseAddress(string text, out bool ipv6, out UInt128 value)
    {
        value = UInt128.Zero;
        if (!TryParsePrefix(text, out ipv6, out UInt128 low, out UInt128 high) || low != high)
        {
            return false;
        }
        value = low;
        return true;
    }

    public static string Format(UInt128 value, bool ipv6)
    {
        if (!ipv6)
        {
            uint v = (uint)value;
            return string.Create(CultureInfo.InvariantCulture, $"{v >> 24}.{(v >> 16) & 0xFF}.{(v >> 8) & 0xFF}.{v & 0xFF}");
        }
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new IPAddress(bytes).ToString();
    }

    /// <summary>The fewest CIDRs that make up the interval, in address order.</summary>
    public static List<string> ToCidrs(UInt128 low, UInt128 high, bool ipv6)
    {
        int bits = ipv6 ? 128 : 32;
        var result = new List<string>();
        UInt128 current = low;
        while (true)
        {
            int size = current == UInt128.Zero ? bits : Math.Min(bits, (int)UInt128.TrailingZeroCount(current));
            while (size > 0 && (size >= 128 ? UInt128.MaxValue : current + ((UInt128.One << size) - UInt128.One)) > high)
            {
                size--;
            }
            result.Add(Format(current, ipv6) + "/" + (bits - size).ToString(CultureInfo.InvariantCulture));
            UInt128 last = size >= 128 ? UInt128.MaxValue : current + ((UInt128.One << size) - UInt128.One);
            if (last >= high)
            {
                return result;
            }
            current = last + UInt128.One;
        }
    }

    /// <summary>The smallest CIDR that contains the interval, as (low, high).</summary>
    public static (UInt128 Low, UInt128 High) Enclosing(UInt128 low, UInt128 high, bool ipv6)
    {
        int bits = ipv6 ? 128 : 32;
        UInt128 differ = low ^ high;
        int hostBits = differ == UInt128.Zero ? 0 : 128 - (int)UInt128.LeadingZeroCount(differ);
        hostBits = Math.Min(hostBits, bits);
        UInt128 mask = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - UInt128.One;
        return (low & ~mask, (low & ~mask) | (mask & MaxOf(ipv6)));
    }

    private static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int written);
        return written == 4
            ? BinaryPrimitives.ReadUInt32BigEndian(bytes)
            : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }
}
