namespace SecGroupAdmin.E2E;

/// <summary>All browser tests share one running app and one Chromium.</summary>
[CollectionDefinition(Name)]
public class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
