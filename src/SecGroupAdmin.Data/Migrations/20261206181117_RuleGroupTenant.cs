using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecGroupAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class RuleGroupTenant : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "GroupTenantId",
                table: "SecurityGroupRules",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            // Existing rules take their parent group's project (groups never change project).
            migrationBuilder.Sql(
                "UPDATE \"SecurityGroupRules\" SET \"GroupTenantId\" = " +
                "(SELECT g.\"TenantId\" FROM \"SecurityGroups\" g WHERE g.\"Id\" = \"SecurityGroupRules\".\"SecurityGroupId\")");

            migrationBuilder.CreateIndex(
                name: "IX_SecurityGroupRules_GroupTenantId_Id",
                table: "SecurityGroupRules",
                columns: new[] { "GroupTenantId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SecurityGroupRules_GroupTenantId_Id",
                table: "SecurityGroupRules");

            migrationBuilder.DropColumn(
                name: "GroupTenantId",
                table: "SecurityGroupRules");
        }
    }
}
