namespace SecGroupAdmin.Domain.Analysis;

/// <summary>Whether a draft change newly allows or newly blocks some traffic.</summary>
public enum ExposureChangeKind
{
    Opens,
    Blocks,
}
