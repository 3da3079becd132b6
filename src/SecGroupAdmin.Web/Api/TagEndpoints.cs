using System.Text.Json;
using System.Text.Json.Nodes;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Domain.Tags;
using SecGroupAdmin.Web.Auth;
using SecGroupAdmin.Web.Tags;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// Neutron's tag sub-resources (<c>standard-attr-tag</c>) of security groups and rules:
/// <c>GET/PUT/DELETE …/{id}/tags</c> (list, replace all, remove all), <c>POST …/{id}/tags</c> (add several, 2024.2),
/// <c>GET/PUT/DELETE …/{id}/tags/{tag}</c> (check 204, add 201, remove 204). Answers as the reference's
/// (Zed) TaggingController; rules are tagged too, as newer Neutron does.
/// </summary>
public static class TagEndpoints
{
    public static void Map(RouteGroupBuilder v2)
    {
        foreach (var (collection, kind) in new[] { ("security-groups", TaggedKind.SecurityGroup), ("security-group-rules", TaggedKind.SecurityGroupRule) })
        {
            v2.Map($"/{collection}/{{id}}/tags", ApiRequest.Dispatch(
                ("GET", (context, caller) => ListAsync(context, caller, kind)),
                ("PUT", (context, caller) => ReplaceAsync(context, caller, kind)),
                ("POST", (context, caller) => AddManyAsync(context, caller, kind)),
                ("DELETE", (context, caller) => RemoveAllAsync(context, caller, kind))));
            v2.Map($"/{collection}/{{id}}/tags/{{tag}}", ApiRequest.Dispatch(
                ("GET", (context, caller) => CheckAsync(context, caller, kind)),
                ("PUT", (context, caller) => AddAsync(context, caller, kind)),
                ("DELETE", (context, caller) => RemoveAsync(context, caller, kind))));
        }
    }

    private static TagService Service(HttpContext context) => context.RequestServices.GetRequiredService<TagService>();

    private static string Id(HttpContext context) => (string)context.GetRouteValue("id")!;

    /// <summary>
    /// The <c>{tag}</c> of the path. An encoded slash (<c>%2F</c>) is not a tag to the reference's router: 404
    /// <c>HTTPNotFound</c>, as there.
    /// </summary>
    private static string Tag(HttpContext context)
    {
        var tag = (string)context.GetRouteValue("tag")!;
        if (tag.Contains('/') || tag.Contains("%2F", StringComparison.OrdinalIgnoreCase))
        {
            throw new NeutronException(NeutronErrors.NotFound());
        }
        return tag;
    }

    private static IResult Tags(IEnumerable<string> tags, int status = StatusCodes.Status200OK) =>
        NeutronResults.Json(new JsonObject { ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode)JsonValue.Create(t)!)]) }, status);

    private static async Task<IResult> ListAsync(HttpContext context, Caller caller, TaggedKind kind) =>
        Tags(await Service(context).GetAsync(caller, kind, Id(context), context.RequestAborted));

    private static async Task<IResult> CheckAsync(HttpContext context, Caller caller, TaggedKind kind)
    {
        await Service(context).CheckAsync(caller, kind, Id(context), Tag(context), context.RequestAborted);
        return NeutronResults.NoContent();
    }

    /// <summary>PUT one tag: 201 with the body <c>null</c>, as the reference.</summary>
    private static async Task<IResult> AddAsync(HttpContext context, Caller caller, TaggedKind kind)
    {
        await Service(context).AddAsync(caller, kind, Id(context), Tag(context), context.RequestAborted);
        return Results.Text("null", "application/json", System.Text.Encoding.UTF8, StatusCodes.Status201Created);
    }

    /// <summary>PUT all: 200 with the tags as sent (the reference echoes the body's list, in its order).</summary>
    private static async Task<IResult> ReplaceAsync(HttpContext context, Caller caller, TaggedKind kind)
    {
        var body = await ReadTagsAsync(context);
        await Service(context).ReplaceAsync(caller, kind, Id(context), body, context.RequestAborted);
        return Tags(body.Items!.Select(i => i.Text!));
    }

    /// <summary>POST (newer Neutron; Zed answers 404): 201 with every tag the resource now carries.</summary>
    private static async Task<IResult> AddManyAsync(HttpContext context, Caller caller, TaggedKind kind)
    {
        var body = await ReadTagsAsync(context);
        var tags = await Service(context).AddManyAsync(caller, kind, Id(context), body, context.RequestAborted);
        return Tags(tags, StatusCodes.Status201Created);
    }

    private static async Task<IResult> RemoveAsync(HttpContext context, Caller caller, TaggedKind kind)
    {
        await Service(context).RemoveAsync(caller, kind, Id(context), Tag(context), context.RequestAborted);
        return NeutronResults.NoContent();
    }

    private static async Task<IResult> RemoveAllAsync(HttpContext context, Caller caller, TaggedKind kind)
    {
        await Service(context).RemoveAllAsync(caller, kind, Id(context), context.RequestAborted);
        return NeutronResults.NoContent();
    }

    /// <summary>
    /// The <c>tags</c> of a body. A body that is not an object, or without <c>tags</c>, is the reference's
    /// "Invalid tags body"; a value that is not a list is printed as Python would for its message.
    /// </summary>
    private static async Task<TagListInput> ReadTagsAsync(HttpContext context)
    {
        JsonElement body;
        try
        {
            body = await RequestBody.ReadObjectAsync(context.Request, context.RequestAborted);
        }
        catch (NeutronException e) when (e.Error.Message == "Body contains invalid data")
        {
            return TagListInput.Missing;
        }
        if (!body.TryGetProperty("tags", out var tags))
        {
            return TagListInput.Missing;
        }
        if (tags.ValueKind != JsonValueKind.Array)
        {
            return TagListInput.NotAList(JsonInput.From(tags).Display);
        }
        return TagListInput.FromItems([.. tags.EnumerateArray().Select(JsonInput.From)]);
    }
}
