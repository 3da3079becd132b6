using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SecGroupAdmin.Data;

/// <summary>Writes every DateTime as UTC (Unspecified is taken to be UTC already) and reads it back with Kind UTC.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
