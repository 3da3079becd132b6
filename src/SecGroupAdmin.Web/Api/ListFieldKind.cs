namespace SecGroupAdmin.Web.Api;

/// <summary>How a list field is filtered and sorted, as <see cref="ListQuery"/> treats its JSON value.</summary>
public enum ListFieldKind
{
    /// <summary>A string (or null): exact match; sorted by UTF-8 bytes with null as "".</summary>
    Text,

    /// <summary>An integer (or null): matched as a number; sorted by value with null first.</summary>
    Number,

    /// <summary>A boolean: matched by Neutron's true/false spellings; false before true.</summary>
    Boolean,

    /// <summary>A timestamp: not filterable; sorted by its whole seconds (as shown).</summary>
    Timestamp,

    /// <summary>Matched by the field's own predicate (a list of ids, a constant); not sortable.</summary>
    Custom,
}
