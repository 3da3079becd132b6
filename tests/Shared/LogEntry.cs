using Microsoft.Extensions.Logging;

namespace SecGroupAdmin.Testing;

/// <summary>One log entry captured by <see cref="CapturedLogs"/>.</summary>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category} [{EventId}] {Message} {Exception?.GetType().Name}";
}
