using SecGroupAdmin.Web.Hosting;

namespace SecGroupAdmin.Web.Tests.Services;

// The service's rule and quota tests again, on a real PostgreSQL server (started from Debian's packages; see
// PostgresTestServer), so that locking, unique violations, string comparisons and timestamps behave the same there:
// among them "20 identical concurrent creates → 1 rule + 19 SecurityGroupRuleExists" and every quota test.
// To run ALL service tests on PostgreSQL: SGA_TEST_DB_PROVIDER=PostgreSql dotnet test tests/SecGroupAdmin.Web.Tests

/// <summary><see cref="RuleTests"/> on PostgreSQL.</summary>
public sealed class RuleTestsOnPostgreSql() : RuleTests(new ServiceTestHost(DatabaseProvider.PostgreSql));

/// <summary><see cref="QuotaTests"/> on PostgreSQL.</summary>
public sealed class QuotaTestsOnPostgreSql() : QuotaTests(new ServiceTestHost(DatabaseProvider.PostgreSql));

/// <summary><see cref="AddressGroupServiceTests"/> on PostgreSQL.</summary>
public sealed class AddressGroupServiceTestsOnPostgreSql() : AddressGroupServiceTests(new ServiceTestHost(DatabaseProvider.PostgreSql));

/// <summary><see cref="RbacPolicyServiceTests"/> on PostgreSQL.</summary>
public sealed class RbacPolicyServiceTestsOnPostgreSql() : RbacPolicyServiceTests(new ServiceTestHost(DatabaseProvider.PostgreSql));

/// <summary><see cref="DefaultRuleDriftTests"/> on PostgreSQL.</summary>
public sealed class DefaultRuleDriftTestsOnPostgreSql() : DefaultRuleDriftTests(new ServiceTestHost(DatabaseProvider.PostgreSql));

/// <summary><see cref="PortFixedIpTests"/> on PostgreSQL.</summary>
public sealed class PortFixedIpTestsOnPostgreSql() : PortFixedIpTests(new ServiceTestHost(DatabaseProvider.PostgreSql));
