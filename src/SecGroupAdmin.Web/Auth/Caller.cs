using SecGroupAdmin.Data.Tenants;

namespace SecGroupAdmin.Web.Auth;

/// <summary>
/// Who is asking, acting in which tenant (Neutron's token project) with which role there, plus global roles.
/// Every service operation takes one; the service decides from it, never the page or the endpoint.
/// </summary>
public sealed record Caller(
    string UserId,
    string UserName,
    string TenantId,
    string? TenantRole,
    bool IsCloudAdmin,
    bool IsAuditor,
    ChangeSource Source,
    string? RequestId = null)
{
    /// <summary>
    /// The trusted in-process operator (the <c>admin</c> verbs): see <see cref="SystemOperator"/>. Services take
    /// it as a CloudAdmin without reading roles from the database. Only <see cref="SystemOperator"/> sets it: the
    /// positional constructor (what <see cref="CallerFactory"/> and every HTTP path use) and <c>with</c> from
    /// outside cannot, because the setter is private.
    /// </summary>
    public bool IsSystemOperator { get; private init; }

    /// <summary>
    /// The operator acting from inside the process, with <paramref name="source"/> as the change source (CLI for
    /// the <c>admin</c> verbs). It is a CloudAdmin that no user row stands behind, so services accept it without
    /// re-reading roles. Audit entries name it as before the verbs went through the services: actor id
    /// <c>cli</c>, actor name <c>admin CLI</c> (from the source).
    /// Never reachable over HTTP: the only code that builds callers for requests, pages and live subscriptions
    /// (<see cref="CallerFactory"/>, used by <see cref="UiCallerProvider"/> and the API's token resolver after
    /// <c>ApiTokenService</c> validated a token) builds them from a user row with the positional constructor, which
    /// leaves <see cref="IsSystemOperator"/> false; only code running in the process (the <c>admin</c> verbs, started
    /// by whoever can run the program against the database) calls this.
    /// </summary>
    public static Caller SystemOperator(ChangeSource source) =>
        new(source.ToString().ToLowerInvariant(), $"admin {source}", "", null, IsCloudAdmin: true, IsAuditor: false, source)
        {
            IsSystemOperator = true,
        };

    /// <summary>
    /// Whether some RBAC policy shares an object with the caller's tenant (or with every tenant) when the caller was made:
    /// only then do reads look for shared groups beside the tenant's own (<see cref="Visible"/>), so a tenant nothing is
    /// shared with reads exactly as before sharing existed. Writes check the policies themselves, in their transaction.
    /// </summary>
    public bool ReceivesShares { get; init; }

    /// <summary>Neutron's "admin": acts on every tenant.</summary>
    public bool IsAdmin => IsCloudAdmin;

    /// <summary>May read this tenant's groups, rules and ports.</summary>
    public bool CanRead(string tenantId) =>
        IsCloudAdmin || IsAuditor || (tenantId == TenantId && TenantRole is not null);

    /// <summary>May change this tenant's groups, rules and ports.</summary>
    public bool CanWrite(string tenantId) =>
        IsCloudAdmin || (tenantId == TenantId && TenantRoles.CanWrite(TenantRole));

    /// <summary>May cause the tenant's default group to be created (Neutron's bug-1987410 guard); auditors never write.</summary>
    public bool MayCreateDefaultGroupFor(string tenantId) =>
        IsCloudAdmin || (tenantId == TenantId && TenantRole is not null);
}
