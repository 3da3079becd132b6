namespace SecGroupAdmin.Web.Auth;

/// <summary>Where a change came from, as the audit log shows it.</summary>
public enum ChangeSource
{
    UI,
    API,
    CLI,
}
