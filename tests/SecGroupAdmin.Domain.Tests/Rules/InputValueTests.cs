using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Domain.Tests.Rules;

/// <summary>How loose input values print, as Python would in messages.</summary>
public class InputValueTests
{
    [Fact]
    public void Display_follows_python_str()
    {
        Assert.Equal("22", InputValue.FromInteger(22).Display);
        Assert.Equal("-1", InputValue.FromNullableInt(-1).Display);
        Assert.Equal("True", InputValue.FromBoolean(true).Display);
        Assert.Equal("False", InputValue.FromBoolean(false).Display);
        Assert.Equal("None", InputValue.Null.Display);
        Assert.Equal("abc", InputValue.FromString("abc").Display);
        Assert.Equal("[1]", InputValue.FromOther("[1]").Display);
        Assert.Equal("", InputValue.Absent.Display);
    }

    [Fact]
    public void Kinds()
    {
        Assert.Equal(InputKind.Absent, default(InputValue).Kind);
        Assert.Equal(InputKind.Null, InputValue.FromString(null).Kind);
        Assert.Equal(InputKind.Null, InputValue.FromNullableInt(null).Kind);
        Assert.Equal(InputKind.String, InputValue.FromString("").Kind);
        Assert.True(InputValue.Absent.IsAbsent);
        Assert.True(InputValue.Null.IsNull);
    }
}
