namespace SecGroupAdmin.Web.Keystone;

/// <summary>
/// The <c>clouds.yaml</c> the API tokens page hands out with a new token: the token as an application credential,
/// with this server's <c>/identity</c> as <c>auth_url</c>. The E2E tests run the unmodified <c>openstack</c> CLI on
/// exactly this text.
/// </summary>
public static class CloudsYaml
{
    public const string CloudName = "secgroupadmin";

    public static string ForApplicationCredential(string root, string credentialId, string secret, string cloudName = CloudName) => $"""
        clouds:
          {cloudName}:
            auth_type: v3applicationcredential
            auth:
              auth_url: {root.TrimEnd('/')}{KeystoneEndpoints.Prefix}
              application_credential_id: {credentialId}
              application_credential_secret: {secret}
            region_name: RegionOne
            identity_api_version: 3
        """;
}
