using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecGroupAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScaleApiIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SecurityGroups_TenantId",
                table: "SecurityGroups");

            migrationBuilder.DropIndex(
                name: "IX_Ports_TenantId",
                table: "Ports");

            migrationBuilder.CreateIndex(
                name: "IX_SecurityGroups_TenantId_Name",
                table: "SecurityGroups",
                columns: new[] { "TenantId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_SecurityGroupRules_NormalizedCidr",
                table: "SecurityGroupRules",
                column: "NormalizedCidr");

            migrationBuilder.CreateIndex(
                name: "IX_SecurityGroupRules_RemoteAddressGroupId",
                table: "SecurityGroupRules",
                column: "RemoteAddressGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_SecurityGroupRules_SecurityGroupId_CreatedAt",
                table: "SecurityGroupRules",
                columns: new[] { "SecurityGroupId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Ports_TenantId_DeviceOwner",
                table: "Ports",
                columns: new[] { "TenantId", "DeviceOwner" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SecurityGroups_TenantId_Name",
                table: "SecurityGroups");

            migrationBuilder.DropIndex(
                name: "IX_SecurityGroupRules_NormalizedCidr",
                table: "SecurityGroupRules");

            migrationBuilder.DropIndex(
                name: "IX_SecurityGroupRules_RemoteAddressGroupId",
                table: "SecurityGroupRules");

            migrationBuilder.DropIndex(
                name: "IX_SecurityGroupRules_SecurityGroupId_CreatedAt",
                table: "SecurityGroupRules");

            migrationBuilder.DropIndex(
                name: "IX_Ports_TenantId_DeviceOwner",
                table: "Ports");

            migrationBuilder.CreateIndex(
                name: "IX_SecurityGroups_TenantId",
                table: "SecurityGroups",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_Ports_TenantId",
                table: "Ports",
                column: "TenantId");
        }
    }
}
