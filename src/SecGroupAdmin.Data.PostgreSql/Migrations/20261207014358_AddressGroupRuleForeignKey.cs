using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecGroupAdmin.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddressGroupRuleForeignKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "FK_SecurityGroupRules_AddressGroups_RemoteAddressGroupId",
                table: "SecurityGroupRules",
                column: "RemoteAddressGroupId",
                principalTable: "AddressGroups",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_SecurityGroupRules_AddressGroups_RemoteAddressGroupId",
                table: "SecurityGroupRules");
        }
    }
}
