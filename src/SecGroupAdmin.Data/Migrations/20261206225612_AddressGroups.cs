using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecGroupAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddressGroups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AddressGroups",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    RevisionNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AddressGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AddressGroups_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AddressGroupAddresses",
                columns: table => new
                {
                    AddressGroupId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AddressGroupAddresses", x => new { x.AddressGroupId, x.Address });
                    table.ForeignKey(
                        name: "FK_AddressGroupAddresses_AddressGroups_AddressGroupId",
                        column: x => x.AddressGroupId,
                        principalTable: "AddressGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AddressGroups_TenantId_Name",
                table: "AddressGroups",
                columns: new[] { "TenantId", "Name" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AddressGroupAddresses");

            migrationBuilder.DropTable(
                name: "AddressGroups");
        }
    }
}
