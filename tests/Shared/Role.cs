namespace SecGroupAdmin.Testing;

/// <summary>
/// Who a test person is: a role in a tenant (TenantAdmin, Member, Reader), a global role (Auditor, CloudAdmin),
/// or an Outsider, signed in with no role at all. <see cref="PeopleSeeder"/> maps it to the app's role names
/// (<c>TenantRoles</c>) in one place.
/// </summary>
public enum Role
{
    TenantAdmin,
    Member,
    Reader,
    Auditor,
    CloudAdmin,
    Outsider,
}
