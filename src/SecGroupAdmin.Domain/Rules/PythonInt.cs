namespace SecGroupAdmin.Domain.Rules;

/// <summary>
/// Parses text the way Python's <c>int(str)</c> does, which is what Neutron's converters use:
/// surrounding whitespace, an optional sign, decimal digits with single underscores between them.
/// Values beyond the range of <see cref="long"/> saturate (they are out of every range we check).
/// </summary>
internal static class PythonInt
{
    public static bool TryParse(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        text = text.Trim();
        if (text.IsEmpty)
        {
            return false;
        }

        bool negative = false;
        if (text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        if (text.IsEmpty)
        {
            return false;
        }

        long result = 0;
        bool previousWasDigit = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '_')
            {
                if (!previousWasDigit || i == text.Length - 1)
                {
                    return false;
                }
                previousWasDigit = false;
                continue;
            }

            int digit;
            if (c is >= '0' and <= '9')
            {
                digit = c - '0';
            }
            else if (char.IsDigit(c))
            {
                digit = (int)char.GetNumericValue(c);
            }
            else
            {
                return false;
            }

            previousWasDigit = true;
            result = result > (long.MaxValue - digit) / 10 ? long.MaxValue : result * 10 + digit;
        }

        value = negative ? -result : result;
        return true;
    }

    /// <summary>True when the text is plain canonical decimal: ASCII digits, no sign, no leading zero.</summary>
    public static bool IsCanonicalDecimal(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || (text.Length > 1 && text[0] == '0'))
        {
            return false;
        }
        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }
}
