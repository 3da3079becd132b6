namespace SecGroupAdmin.Web.Writes;

/// <summary>
/// Thrown inside a write by <see cref="WriterLocks.Require(string)"/> when it meets a tenant whose writer lock it does
/// not hold; the <see cref="WritePipeline"/> rolls the attempt back and runs the write again with those tenants locked.
/// It never leaves the pipeline.
/// </summary>
public sealed class WriterLocksMissingException : Exception
{
    public WriterLocksMissingException()
        : this([])
    {
    }

    public WriterLocksMissingException(string tenantId)
        : this([tenantId])
    {
    }

    public WriterLocksMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
        TenantIds = [];
    }

    public WriterLocksMissingException(IReadOnlyList<string> tenantIds)
        : base($"The write needs the writer locks of tenant(s) {string.Join(", ", tenantIds)}.")
    {
        TenantIds = tenantIds;
    }

    /// <summary>The tenants whose locks were missing.</summary>
    public IReadOnlyList<string> TenantIds { get; }
}
