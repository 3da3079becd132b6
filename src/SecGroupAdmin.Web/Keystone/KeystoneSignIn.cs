using SecGroupAdmin.Data.Keystone;

namespace SecGroupAdmin.Web.Keystone;

/// <summary>A token just issued by <see cref="KeystoneAuthenticator"/>, with what its body shows.</summary>
public sealed record KeystoneSignIn(
    KeystoneToken Token,
    string Secret,
    string UserName,
    (string Id, string Name)? Project,
    IReadOnlyList<string> Roles,
    (string Id, string Name)? ApplicationCredential);
