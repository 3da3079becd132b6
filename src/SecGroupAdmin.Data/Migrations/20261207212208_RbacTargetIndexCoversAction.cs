using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecGroupAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class RbacTargetIndexCoversAction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RbacPolicies_TargetTenant_ObjectType_ObjectId",
                table: "RbacPolicies");

            migrationBuilder.CreateIndex(
                name: "IX_RbacPolicies_TargetTenant_ObjectType_Action_ObjectId",
                table: "RbacPolicies",
                columns: new[] { "TargetTenant", "ObjectType", "Action", "ObjectId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RbacPolicies_TargetTenant_ObjectType_Action_ObjectId",
                table: "RbacPolicies");

            migrationBuilder.CreateIndex(
                name: "IX_RbacPolicies_TargetTenant_ObjectType_ObjectId",
                table: "RbacPolicies",
                columns: new[] { "TargetTenant", "ObjectType", "ObjectId" });
        }
    }
}
