using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecGroupAdmin.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ScalePagesExposure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_TenantId_At",
                table: "AuditEntries");

            migrationBuilder.AddColumn<int>(
                name: "Exposure",
                table: "SecurityGroupRules",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SecurityGroupRules_Exposure_SecurityGroupId",
                table: "SecurityGroupRules",
                columns: new[] { "Exposure", "SecurityGroupId" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ActorUserId_At_Id",
                table: "AuditEntries",
                columns: new[] { "ActorUserId", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At_Id",
                table: "AuditEntries",
                columns: new[] { "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ResourceId_At_Id",
                table: "AuditEntries",
                columns: new[] { "ResourceId", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ResourceType_At_Id",
                table: "AuditEntries",
                columns: new[] { "ResourceType", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_TenantId_At_Id",
                table: "AuditEntries",
                columns: new[] { "TenantId", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_TenantId_ResourceType_At_Id",
                table: "AuditEntries",
                columns: new[] { "TenantId", "ResourceType", "At", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SecurityGroupRules_Exposure_SecurityGroupId",
                table: "SecurityGroupRules");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ActorUserId_At_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_At_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ResourceId_At_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ResourceType_At_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_TenantId_At_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_TenantId_ResourceType_At_Id",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Exposure",
                table: "SecurityGroupRules");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_TenantId_At",
                table: "AuditEntries",
                columns: new[] { "TenantId", "At" });
        }
    }
}
