using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecGroupAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditSecurityGroupId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SecurityGroupId",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            // Backfill: a group entry is about its own id; a rule entry about the security_group_id of its after (else its
            // before) snapshot. Before the index is made, so it is built once.
            migrationBuilder.Sql("""UPDATE "AuditEntries" SET "SecurityGroupId" = "ResourceId" WHERE "ResourceType" = 'security_group';""");
            migrationBuilder.Sql(
                """
                UPDATE "AuditEntries" SET "SecurityGroupId" = substr(COALESCE(
                    CASE WHEN json_valid("AfterJson") THEN json_extract("AfterJson", '$.security_group_id') END,
                    CASE WHEN json_valid("BeforeJson") THEN json_extract("BeforeJson", '$.security_group_id') END), 1, 64)
                WHERE "ResourceType" = 'security_group_rule';
                """);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_SecurityGroupId_At_Id",
                table: "AuditEntries",
                columns: new[] { "SecurityGroupId", "At", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_SecurityGroupId_At_Id",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "SecurityGroupId",
                table: "AuditEntries");
        }
    }
}
