using SecGroupAdmin.Domain.AddressGroups;
using SecGroupAdmin.Domain.Rules;

namespace SecGroupAdmin.Web.Components.Pages.AddressGroups;

/// <summary>
/// The address-group form as plain state: name, description and the addresses typed one per line (or separated by
/// commas or spaces). Each address is checked by the Domain's <see cref="AddressValidator"/> as the API's
/// <c>add_addresses</c> checks it, so the form shows what will be stored (<c>10.1.2.3/16</c> → <c>10.1.0.0/16</c>,
/// <c>192.168.1.5</c> → <c>192.168.1.5/32</c>) before anything is sent; the stored forms are what the service receives.
/// </summary>
public sealed class AddressGroupFormModel
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string AddressText { get; set; } = "";

    /// <summary>Every non-empty line (or comma/space separated item), checked.</summary>
    public IReadOnlyList<AddressLine> Lines()
    {
        var lines = new List<AddressLine>();
        var number = 0;
        foreach (var item in AddressText.Split(['\n', '\r', ',', ' ', '\t', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            number++;
            var error = AddressValidator.ParseForAction(AddressListInput.FromStrings([item]), out var stored);
            lines.Add(error is null
                ? new AddressLine(number, item, stored[0], null)
                : new AddressLine(number, item, null, $"“{item}” is not an IP address or network (e.g. 10.0.0.0/8 or 2001:db8::/32)."));
        }
        return lines;
    }

    /// <summary>The stored forms, each once, in the order typed; null when any line is refused.</summary>
    public IReadOnlyList<string>? Networks()
    {
        var lines = Lines();
        if (lines.Any(l => !l.IsValid))
        {
            return null;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. lines.Select(l => l.Network!).Where(seen.Add)];
    }

    /// <summary>The lines that mean an address typed earlier (the same network once stored).</summary>
    public IReadOnlyList<AddressLine> Repeats()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. Lines().Where(l => l.IsValid && !seen.Add(l.Network!))];
    }

    public string? NameError => AddressGroupValidator.ValidateName(InputValue.FromString(Name))?.Message;

    public string? DescriptionError => AddressGroupValidator.ValidateDescription(InputValue.FromString(Description))?.Message;

    public string? AddressesError => Lines().FirstOrDefault(l => !l.IsValid)?.Error;

    public bool IsValid => NameError is null && DescriptionError is null && AddressesError is null;

    /// <summary>What to add and remove to go from <paramref name="current"/> to the typed addresses (each in order).</summary>
    public (List<string> Add, List<string> Remove) Changes(IReadOnlyList<string> current)
    {
        var wanted = Networks() ?? [];
        var now = current.ToHashSet(StringComparer.Ordinal);
        var next = wanted.ToHashSet(StringComparer.Ordinal);
        return ([.. wanted.Where(a => !now.Contains(a))], [.. current.Where(a => !next.Contains(a))]);
    }
}
