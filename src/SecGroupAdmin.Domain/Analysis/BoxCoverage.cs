namespace SecGroupAdmin.Domain.Analysis;

/// <summary>Exact set operations on unions of <see cref="TrafficBox"/>es.</summary>
internal static class BoxCoverage
{
    /// <summary>The parts of the targets (clamped to the protocols' universes) that none of the given boxes cover.</summary>
    public static List<TrafficBox> Uncovered(
        IEnumerable<TrafficBox> targets, IEnumerable<(TrafficBox Box, int Owner)> cover, HashSet<int>? used = null)
    {
        var remaining = new List<TrafficBox>();
        foreach (TrafficBox target in targets)
        {
            ProtocolClasses.ClampInto(target, remaining);
        }
        var next = new List<TrafficBox>();
        foreach ((TrafficBox box, int owner) in cover)
        {
            if (remaining.Count == 0)
            {
                break;
            }
            bool hit = false;
            next.Clear();
            foreach (TrafficBox piece in remaining)
            {
                if (piece.Intersects(box))
                {
                    hit = true;
                    piece.SubtractInto(box, next);
                }
                else
                {
                    next.Add(piece);
                }
            }
            if (hit)
            {
                used?.Add(owner);
                (remaining, next) = (next, remaining);
            }
        }
        return remaining;
    }

    /// <summary>True when the union of <paramref name="cover"/> contains every target.</summary>
    public static bool Covers(IEnumerable<TrafficBox> targets, IEnumerable<(TrafficBox Box, int Owner)> cover, HashSet<int>? used = null) =>
        Uncovered(targets, cover, used).Count == 0;
}
