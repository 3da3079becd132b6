using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Numerics;

namespace SecGroupAdmin.Domain.Rules;

/// <summary>
/// Parses a remote IP prefix the way the reference Neutron (netaddr.IPNetwork) does and prints it
/// canonically: a mask is added when missing, host bits are kept, IPv6 is compressed and lower-cased,
/// a netmask or hostmask becomes a prefix length, and partial IPv4 addresses are zero-filled
/// ("10/8" gives "10.0.0.0/8", "010.0.0.1" gives "10.0.0.1/32"), as observed on the reference server.
/// </summary>
public static class IpPrefixParser
{
    /// <summary>
    /// Parses <paramref name="input"/>. On success <paramref name="prefix"/> is the canonical stored form
    /// (the input string itself when it is already canonical) and <paramref name="network"/> the network
    /// address with the same length (the normalized_cidr; the same string when no host bits are set).
    /// </summary>
    public static bool TryCanonicalize(string input, out string prefix, out string network, out bool isIpv6)
    {
        ArgumentNullException.ThrowIfNull(input);
        prefix = network = "";
        isIpv6 = false;

        int slash = input.IndexOf('/');
        ReadOnlySpan<char> addressPart = slash < 0 ? input : input.AsSpan(0, slash);
        ReadOnlySpan<char> lengthPart = slash < 0 ? default : input.AsSpan(slash + 1);
        bool hasLength = slash >= 0;

        if (addressPart.Contains(':'))
        {
            isIpv6 = true;
            return TryIpv6(input, addressPart, lengthPart, hasLength, out prefix, out network);
        }
        return TryIpv4(input, addressPart, lengthPart, hasLength, out prefix, out network);
    }

    /// <summary>The network address of a prefix ("10.0.0.34/24" gives "10.0.0.0/24"); null for null or unparsable input.</summary>
    public static string? NetworkOf(string? prefix) =>
        prefix is not null && TryCanonicalize(prefix, out _, out string network, out _) ? network : null;

    /// <summary>True when the text parses as an IPv6 prefix (contains ':'), without validating it.</summary>
    public static bool LooksLikeIpv6(string prefix) => prefix.Contains(':');

    private static bool TryIpv4(
        string input, ReadOnlySpan<char> addressPart, ReadOnlySpan<char> lengthPart, bool hasLength,
        out string prefix, out string network)
    {
        prefix = network = "";
        bool addressCanonical = TryParseStrictIpv4(addressPart, out uint address);
        if (!addressCanonical && !TryParseExpandedIpv4(addressPart, out address))
        {
            return false;
        }

        int length;
        bool lengthCanonical;
        if (!hasLength)
        {
            length = 32;
            lengthCanonical = false;
        }
        else if (PythonInt.TryParse(lengthPart, out long parsedLength))
        {
            if (parsedLength is < 0 or > 32)
            {
                return false;
            }
            length = (int)parsedLength;
            lengthCanonical = PythonInt.IsCanonicalDecimal(lengthPart);
        }
        else if (TryParseStrictIpv4(lengthPart, out uint mask) && TryMaskLength(mask, out length))
        {
            lengthCanonical = false;
        }
        else
        {
            return false;
        }

        prefix = addressCanonical && lengthCanonical ? input : FormatIpv4(address, length);
        uint networkMask = length == 0 ? 0u : uint.MaxValue << (32 - length);
        uint networkAddress = address & networkMask;
        network = networkAddress == address ? prefix : FormatIpv4(networkAddress, length);
        return true;
    }

    private static bool TryIpv6(
        string input, ReadOnlySpan<char> addressPart, ReadOnlySpan<char> lengthPart, bool hasLength,
        out string prefix, out string network)
    {
        prefix = network = "";
        if (!TryParseStrictIpv6(addressPart, out IPAddress? address))
        {
            return false;
        }

        int length;
        if (!hasLength)
        {
            length = 128;
        }
        else if (PythonInt.TryParse(lengthPart, out long parsedLength))
        {
            if (parsedLength is < 0 or > 128)
            {
                return false;
            }
            length = (int)parsedLength;
        }
        else if (TryParseStrictIpv6(lengthPart, out IPAddress? maskAddress) && TryMaskLength(ToUInt128(maskAddress), out length))
        {
        }
        else
        {
            return false;
        }

        UInt128 value = ToUInt128(address);
        string formatted = address.ToString() + "/" + length.ToString(CultureInfo.InvariantCulture);
        prefix = string.Equals(formatted, input, StringComparison.Ordinal) ? input : formatted;
        UInt128 networkMask = length == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - length);
        UInt128 networkValue = value & networkMask;
        network = networkValue == value
            ? prefix
            : FromUInt128(networkValue).ToString() + "/" + length.ToString(CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Strict dotted quad (inet_pton): four decimal octets 0..255 without leading zeros.</summary>
    private static bool TryParseStrictIpv4(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        int octets = 0;
        int i = 0;
        while (true)
        {
            int start = i;
            int octet = 0;
            while (i < text.Length && text[i] is >= '0' and <= '9')
            {
                octet = octet * 10 + (text[i] - '0');
                i++;
                if (i - start > 3)
                {
                    return false;
                }
            }
            int digits = i - start;
            if (digits == 0 || octet > 255 || (digits > 1 && text[start] == '0'))
            {
                return false;
            }
            value = (value << 8) | (uint)octet;
            octets++;
            if (octets == 4)
            {
                return i == text.Length;
            }
            if (i >= text.Length || text[i] != '.')
            {
                return false;
            }
            i++;
        }
    }

    /// <summary>
    /// netaddr's partial-address expansion: 1 to 4 dot-separated Python integers, zero-filled on the right
    /// ("10.1" gives 10.1.0.0, "010.0.0.09" gives 10.0.0.9).
    /// </summary>
    private static bool TryParseExpandedIpv4(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        int count = 0;
        foreach (Range range in text.Split('.'))
        {
            if (++count > 4 || !PythonInt.TryParse(text[range], out long octet) || octet is < 0 or > 255)
            {
                return false;
            }
            value = (value << 8) | (uint)octet;
        }
        if (count == 0)
        {
            return false;
        }
        value <<= 8 * (4 - count);
        return true;
    }

    /// <summary>inet_pton for IPv6: hex groups, one "::", an optional strict dotted quad at the end; no zone, no brackets.</summary>
    private static bool TryParseStrictIpv6(ReadOnlySpan<char> text, out IPAddress address)
    {
        address = IPAddress.IPv6None;
        if (!text.Contains(':'))
        {
            return false;
        }
        foreach (char c in text)
        {
            if (!(char.IsAsciiHexDigit(c) || c == ':' || c == '.'))
            {
                return false;
            }
        }
        int lastColon = text.LastIndexOf(':');
        if (text.Contains('.') && !TryParseStrictIpv4(text[(lastColon + 1)..], out _))
        {
            return false;
        }
        if (!IPAddress.TryParse(text, out IPAddress? parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }
        address = parsed;
        return true;
    }

    /// <summary>The prefix length of a netmask (leading ones) or, failing that, a hostmask (trailing ones).</summary>
    private static bool TryMaskLength(uint mask, out int length)
    {
        uint inverted = ~mask;
        if ((inverted & (inverted + 1)) == 0)
        {
            length = BitOperations.PopCount(mask);
            return true;
        }
        if ((mask & (mask + 1)) == 0)
        {
            length = 32 - BitOperations.PopCount(mask);
            return true;
        }
        length = 0;
        return false;
    }

    private static bool TryMaskLength(UInt128 mask, out int length)
    {
        UInt128 inverted = ~mask;
        if ((inverted & (inverted + 1)) == UInt128.Zero)
        {
            length = (int)UInt128.PopCount(mask);
            return true;
        }
        if ((mask & (mask + 1)) == UInt128.Zero)
        {
            length = 128 - (int)UInt128.PopCount(mask);
            return true;
        }
        length = 0;
        return false;
    }

    private static string FormatIpv4(uint address, int length) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{address >> 24}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}/{length}");

    private static UInt128 ToUInt128(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private static IPAddress FromUInt128(UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new IPAddress(bytes);
    }
}
