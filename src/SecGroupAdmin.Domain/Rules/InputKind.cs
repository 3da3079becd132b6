namespace SecGroupAdmin.Domain.Rules;

/// <summary>The JSON shape of a loose input value: missing, null, string, integer, boolean or anything else.</summary>
public enum InputKind : byte
{
    Absent,
    Null,
    String,
    Integer,
    Boolean,
    Other,
}
