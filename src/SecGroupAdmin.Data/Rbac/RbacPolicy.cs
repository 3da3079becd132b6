namespace SecGroupAdmin.Data.Rbac;

/// <summary>
/// A Neutron RBAC policy (<c>/v2.0/rbac-policies</c>): the project <see cref="TenantId"/> shares the object
/// <see cref="ObjectId"/> of type <see cref="ObjectType"/> (a security group or an address group) with
/// <see cref="TargetTenant"/> (a project id, or <c>*</c> for every project), for <see cref="Action"/>
/// (<c>access_as_shared</c>, the only action these types have).
/// </summary>
public class RbacPolicy
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    /// <summary>The policy's owner (its <c>project_id</c>): the object's project, or the CloudAdmin's token project.</summary>
    public string TenantId { get; set; } = "";
    public string ObjectType { get; set; } = "";
    public string ObjectId { get; set; } = "";
    public string Action { get; set; } = "";
    public string TargetTenant { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
