using System.Text.Json;
using System.Text.Json.Nodes;
using SecGroupAdmin.Domain.Errors;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// Writes Neutron-shaped JSON. Errors are <c>{"NeutronError": {"type","message","detail"}}</c> with
/// <c>Content-Type: application/json</c> (the openstack CLI shows the message only for that content type).
/// </summary>
public static class NeutronResults
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public static IResult Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(Options), "application/json", System.Text.Encoding.UTF8, status);

    public static IResult Error(NeutronError error) => Json(new JsonObject
    {
        ["NeutronError"] = new JsonObject
        {
            ["type"] = error.Type,
            ["message"] = error.Message,
            ["detail"] = "",
        },
    }, error.Status);

    public static IResult NoContent() => Results.StatusCode(StatusCodes.Status204NoContent);

    public static IResult Unauthorized() => Error(new NeutronError(
        NeutronErrorTypes.HttpUnauthorized, "The request you have made requires authentication.", StatusCodes.Status401Unauthorized));

    public static IResult TooLarge() => Error(new NeutronError(
        NeutronErrorTypes.HttpRequestEntityTooLarge, "Request is too large.", StatusCodes.Status413PayloadTooLarge));

    public static IResult InternalError() => Error(new NeutronError(
        NeutronErrorTypes.HttpInternalServerError, "Request Failed: internal server error while processing your request.", StatusCodes.Status500InternalServerError));
}
