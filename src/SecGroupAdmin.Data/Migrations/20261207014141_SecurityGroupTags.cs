using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecGroupAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class SecurityGroupTags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SecurityGroupRuleTags",
                columns: table => new
                {
                    SecurityGroupRuleId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecurityGroupRuleTags", x => new { x.SecurityGroupRuleId, x.Tag });
                    table.ForeignKey(
                        name: "FK_SecurityGroupRuleTags_SecurityGroupRules_SecurityGroupRuleId",
                        column: x => x.SecurityGroupRuleId,
                        principalTable: "SecurityGroupRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SecurityGroupTags",
                columns: table => new
                {
                    SecurityGroupId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecurityGroupTags", x => new { x.SecurityGroupId, x.Tag });
                    table.ForeignKey(
                        name: "FK_SecurityGroupTags_SecurityGroups_SecurityGroupId",
                        column: x => x.SecurityGroupId,
                        principalTable: "SecurityGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SecurityGroupRuleTags_Tag_SecurityGroupRuleId",
                table: "SecurityGroupRuleTags",
                columns: new[] { "Tag", "SecurityGroupRuleId" });

            migrationBuilder.CreateIndex(
                name: "IX_SecurityGroupTags_Tag_SecurityGroupId",
                table: "SecurityGroupTags",
                columns: new[] { "Tag", "SecurityGroupId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SecurityGroupRuleTags");

            migrationBuilder.DropTable(
                name: "SecurityGroupTags");
        }
    }
}
