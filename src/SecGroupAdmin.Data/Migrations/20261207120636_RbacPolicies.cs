using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecGroupAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class RbacPolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RbacPolicies",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ObjectType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ObjectId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TargetTenant = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RbacPolicies", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RbacPolicies_ObjectType_ObjectId_Action_TargetTenant",
                table: "RbacPolicies",
                columns: new[] { "ObjectType", "ObjectId", "Action", "TargetTenant" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RbacPolicies_TargetTenant_ObjectType_ObjectId",
                table: "RbacPolicies",
                columns: new[] { "TargetTenant", "ObjectType", "ObjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_RbacPolicies_TenantId",
                table: "RbacPolicies",
                column: "TenantId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RbacPolicies");
        }
    }
}
