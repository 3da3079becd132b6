using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecGroupAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class PortFixedIps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PortFixedIps",
                columns: table => new
                {
                    PortId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    IpAddress = table.Column<string>(type: "TEXT", maxLength: 45, nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PortFixedIps", x => new { x.PortId, x.IpAddress });
                    table.ForeignKey(
                        name: "FK_PortFixedIps_Ports_PortId",
                        column: x => x.PortId,
                        principalTable: "Ports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PortFixedIps_PortId",
                table: "PortFixedIps",
                column: "PortId");

            migrationBuilder.CreateIndex(
                name: "IX_PortFixedIps_TenantId_IpAddress",
                table: "PortFixedIps",
                columns: new[] { "TenantId", "IpAddress" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PortFixedIps");
        }
    }
}
