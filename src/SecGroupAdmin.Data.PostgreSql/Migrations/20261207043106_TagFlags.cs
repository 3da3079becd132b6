using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecGroupAdmin.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class TagFlags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "HasTags",
                table: "SecurityGroups",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "HasTags",
                table: "SecurityGroupRules",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Tags written before the flag existed.
            migrationBuilder.Sql(
                """UPDATE "SecurityGroups" SET "HasTags" = EXISTS (SELECT 1 FROM "SecurityGroupTags" t WHERE t."SecurityGroupId" = "SecurityGroups"."Id");""");
            migrationBuilder.Sql(
                """UPDATE "SecurityGroupRules" SET "HasTags" = EXISTS (SELECT 1 FROM "SecurityGroupRuleTags" t WHERE t."SecurityGroupRuleId" = "SecurityGroupRules"."Id");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HasTags",
                table: "SecurityGroups");

            migrationBuilder.DropColumn(
                name: "HasTags",
                table: "SecurityGroupRules");
        }
    }
}
