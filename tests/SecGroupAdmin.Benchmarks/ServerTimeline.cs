using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SecGroupAdmin.Benchmarks;

/// <summary>
/// What the server does during one recorded page load, in ms from <see cref="Start"/>: every SQL command EF Core runs
/// (from its diagnostic events, process-wide, so the app is not changed to be measured) and the circuit's steps
/// (marked by the bench host's circuit handler). Records only between <see cref="Start"/> and <see cref="Stop"/>.
/// </summary>
public sealed class ServerTimeline : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private readonly ConcurrentQueue<(double At, double Ms, string What)> events = new();
    private readonly Stopwatch clock = new();
    private volatile bool recording;

    public ServerTimeline() => DiagnosticListener.AllListeners.Subscribe(this);

    public void Start()
    {
        events.Clear();
        clock.Restart();
        recording = true;
    }

    public List<(double At, double Ms, string What)> Stop()
    {
        recording = false;
        return [.. events.OrderBy(e => e.At)];
    }

    /// <summary>Something that happened now (no duration).</summary>
    public void Mark(string what)
    {
        if (recording)
        {
            events.Enqueue((clock.Elapsed.TotalMilliseconds, 0, what));
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            listener.Subscribe(this);
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> e)
    {
        if (recording && e.Value is CommandExecutedEventData executed)
        {
            var ms = executed.Duration.TotalMilliseconds;
            var text = string.Join(' ', executed.Command.CommandText.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
            events.Enqueue((clock.Elapsed.TotalMilliseconds - ms, ms, "SQL " + (text.Length > 110 ? text[..110] + "…" : text)));
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }
}
