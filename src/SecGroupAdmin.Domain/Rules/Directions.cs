namespace SecGroupAdmin.Domain.Rules;

/// <summary>The two rule directions, as stored.</summary>
public static class Directions
{
    public const string Ingress = "ingress";
    public const string Egress = "egress";
}
