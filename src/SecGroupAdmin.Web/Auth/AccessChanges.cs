namespace SecGroupAdmin.Web.Auth;

/// <summary>
/// "What this user may do changed": a token revoked, a membership removed or changed, a global role taken, the user
/// locked. The services report it after their change committed; listeners (the live hub's connections) re-check
/// that user's access at once instead of at their next periodic check.
/// </summary>
public sealed class AccessChanges
{
    /// <summary>Raised with the user's id; handlers must not throw or block.</summary>
    public event Action<string>? UserChanged;

    public void Report(string userId) => UserChanged?.Invoke(userId);
}
