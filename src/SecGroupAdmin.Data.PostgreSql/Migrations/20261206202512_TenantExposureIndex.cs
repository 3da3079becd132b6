using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecGroupAdmin.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class TenantExposureIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_SecurityGroupRules_GroupTenantId_Exposure",
                table: "SecurityGroupRules",
                columns: new[] { "GroupTenantId", "Exposure" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SecurityGroupRules_GroupTenantId_Exposure",
                table: "SecurityGroupRules");
        }
    }
}
