namespace SecGroupAdmin.Web.Keystone;

/// <summary>A refusal the Keystone endpoints answer with Keystone's error JSON: <c>{"error": {"code", "title", "message"}}</c>.</summary>
public sealed class KeystoneException(int code, string title, string message) : Exception(message)
{
    public int Code { get; } = code;
    public string Title { get; } = title;

    /// <summary>Keystone's one answer for a wrong password, an unknown user, a locked user and a bad token alike.</summary>
    public const string AuthenticationRequired = "The request you have made requires authentication.";

    public static KeystoneException Unauthorized(string message = AuthenticationRequired) => new(401, "Unauthorized", message);

    public static KeystoneException BadRequest(string message) => new(400, "Bad Request", message);

    public static KeystoneException Forbidden(string action) =>
        new(403, "Forbidden", $"You are not authorized to perform the requested action: {action}.");

    public static KeystoneException NotFound(string message) => new(404, "Not Found", message);
}
