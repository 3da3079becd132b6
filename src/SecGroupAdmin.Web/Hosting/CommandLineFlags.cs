namespace SecGroupAdmin.Web.Hosting;

/// <summary>
/// The app's command-line flags, which take no value. ASP.NET Core's command-line configuration reads <c>--key value</c>,
/// so a bare <c>--seed-demo</c> would take the next argument (<c>--urls</c>) as its value; each flag is turned into its
/// setting (<c>--seed-demo</c> → <c>--Seed:Demo=true</c>) before the configuration reads the arguments.
/// </summary>
public static class CommandLineFlags
{
    /// <summary>Each flag and the setting it turns on.</summary>
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--seed-demo"] = "Seed:Demo",
    };

    /// <summary>The arguments with every flag written as <c>--Setting=true</c>; everything else unchanged, in order.</summary>
    public static string[] ToConfigurationArguments(IEnumerable<string> args) =>
        [.. args.Select(a => Settings.TryGetValue(a, out var setting) ? $"--{setting}=true" : a)];
}
