namespace SecGroupAdmin.Web.Cli;

/// <summary>
/// The words after a verb: positionals, options with a value (<c>--name N</c> or <c>--name=N</c>) and flags
/// (<c>--password-stdin</c>). Anything else starting with <c>--</c> is refused.
/// </summary>
internal sealed class CommandArguments
{
    private readonly string usage;
    private readonly List<string> positionals = [];
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);

    private CommandArguments(string usage) => this.usage = usage;

    public static CommandArguments Parse(IReadOnlyList<string> words, string usage, string[]? valueOptions = null, string[]? flagOptions = null)
    {
        valueOptions ??= [];
        flagOptions ??= [];
        var parsed = new CommandArguments(usage);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (!word.StartsWith("--", StringComparison.Ordinal) || word == "--")
            {
                parsed.positionals.Add(word);
                continue;
            }

            var equals = word.IndexOf('=');
            var name = equals < 0 ? word : word[..equals];
            if (flagOptions.Contains(name) && equals < 0)
            {
                parsed.flags.Add(name);
            }
            else if (valueOptions.Contains(name))
            {
                string value;
                if (equals >= 0)
                {
                    value = word[(equals + 1)..];
                }
                else if (i + 1 < words.Count)
                {
                    value = words[++i];
                }
                else
                {
                    throw parsed.Usage($"{name} needs a value");
                }
                if (!parsed.values.TryAdd(name, value))
                {
                    throw parsed.Usage($"{name} is given twice");
                }
            }
            else
            {
                throw parsed.Usage($"unknown option {name}");
            }
        }
        return parsed;
    }

    /// <summary>The positional at <paramref name="index"/>; refuses a missing one, naming it.</summary>
    public string Positional(int index, string what)
    {
        if (index >= positionals.Count || string.IsNullOrWhiteSpace(positionals[index]))
        {
            throw Usage($"missing {what}");
        }
        return positionals[index].Trim();
    }

    /// <summary>Refuses positionals beyond the first <paramref name="count"/>.</summary>
    public void NoMorePositionalsThan(int count)
    {
        if (positionals.Count > count)
        {
            throw Usage($"unexpected argument '{positionals[count]}'");
        }
    }

    public string? Value(string option) => values.GetValueOrDefault(option);

    public bool Has(string flag) => flags.Contains(flag);

    /// <summary>A failure with exit code 2 that shows how the verb is used.</summary>
    public CommandFailure Usage(string problem) =>
        new($"{problem} (usage: admin {usage})", AdminCommands.ExitUsage);
}
