using SecGroupAdmin.Domain.Errors;

namespace SecGroupAdmin.Domain.Tags;

/// <summary>The errors of Neutron's tag extension (neutron/extensions/tagging.py), with the reference's texts.</summary>
public static class TagErrors
{
    public const string TagNotFoundType = "TagNotFound";
    public const string TagResourceNotFoundType = "TagResourceNotFound";

    /// <summary>TagNotFound (404): checking or removing a tag the resource does not carry.</summary>
    public static NeutronError TagNotFound(string tag) =>
        new(TagNotFoundType, $"Tag {tag} could not be found.", 404);

    /// <summary>
    /// TagResourceNotFound (404): the resource does not exist or belongs to a project the caller may not see;
    /// <paramref name="resource"/> is Neutron's collection name with underscores (<c>security_groups</c>).
    /// </summary>
    public static NeutronError TagResourceNotFound(string resource, string resourceId) =>
        new(TagResourceNotFoundType, $"Resource {resource} {resourceId} could not be found.", 404);

    /// <summary>InvalidInput (400) for a body or tag that fails the extension's validators.</summary>
    public static NeutronError Invalid(string message) => NeutronErrors.InvalidInput(message, "tags");
}
