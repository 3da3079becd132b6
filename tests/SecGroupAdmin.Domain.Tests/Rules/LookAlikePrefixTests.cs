using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Tests.Rules;

/// <summary>
/// Digits other than ASCII and control characters in a remote IP prefix, as the reference Neutron answered them
/// (LookAlikeObservations in the Web tests): any Unicode decimal digit counts, as in Python's int(), and the stored
/// prefix is plain ASCII; a control character or a non-ASCII hex digit makes the prefix invalid.
/// </summary>
public class LookAlikePrefixTests
{
    [Theory]
    [InlineData("１０.0.0.0/8", "10.0.0.0/8")]
    [InlineData("１９２.１６８.１.０/２４", "192.168.1.0/24")]
    [InlineData("10.0.0.0/８", "10.0.0.0/8")]
    [InlineData("١٠.0.0.0/8", "10.0.0.0/8")]
    [InlineData("10.0.0.0/٨", "10.0.0.0/8")]
    [InlineData("१०.0.0.0/8", "10.0.0.0/8")]
    [InlineData("１０/8", "10.0.0.0/8")]
    public void Non_ascii_decimal_digits_are_read_as_the_reference_reads_them_and_stored_in_ascii(string input, string stored)
    {
        Assert.True(IpPrefixParser.TryCanonicalize(input, out var prefix, out var network, out var isIpv6));
        Assert.Equal(stored, prefix);
        Assert.Equal(stored, network);
        Assert.False(isIpv6);
        Assert.All(prefix, c => Assert.True(char.IsAscii(c)));
    }

    [Theory]
    [InlineData("10.0.0.0/8\0")]
    [InlineData("10.0.0\0.0/8")]
    [InlineData("\010.0.0.0/8")]
    [InlineData("10.0.0.0/8\a")]
    [InlineData("10.0.0.0\u202e/8")]
    [InlineData("ｆｅ８０::/10")]
    [InlineData("fe80::/１０\0")]
    public void Control_characters_and_non_ascii_hex_are_invalid(string input)
    {
        Assert.False(IpPrefixParser.TryCanonicalize(input, out _, out _, out _));
    }
}
