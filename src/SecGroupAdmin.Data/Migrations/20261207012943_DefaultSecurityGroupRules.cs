using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace SecGroupAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class DefaultSecurityGroupRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DefaultSecurityGroupRules",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 36, nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Ethertype = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Protocol = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PortRangeMin = table.Column<int>(type: "INTEGER", nullable: true),
                    PortRangeMax = table.Column<int>(type: "INTEGER", nullable: true),
                    RemoteIpPrefix = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RemoteGroupId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: true),
                    RemoteAddressGroupId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    UsedInDefaultSg = table.Column<bool>(type: "INTEGER", nullable: false),
                    UsedInNonDefaultSg = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DefaultSecurityGroupRules", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "DefaultSecurityGroupRules",
                columns: new[] { "Id", "CreatedAt", "Description", "Direction", "Ethertype", "PortRangeMax", "PortRangeMin", "Protocol", "RemoteAddressGroupId", "RemoteGroupId", "RemoteIpPrefix", "UsedInDefaultSg", "UsedInNonDefaultSg" },
                values: new object[,]
                {
                    { "9d8e3a52-4f0b-4c5e-9a51-2f7c8d1e6b01", new DateTime(2026, 12, 7, 0, 0, 0, 0, DateTimeKind.Utc), "Legacy default SG rule for ingress traffic", "ingress", "IPv4", null, null, null, null, "PARENT", null, true, false },
                    { "9d8e3a52-4f0b-4c5e-9a51-2f7c8d1e6b02", new DateTime(2026, 12, 7, 0, 0, 0, 0, DateTimeKind.Utc).AddTicks(10), "Legacy default SG rule for egress traffic", "egress", "IPv4", null, null, null, null, null, null, true, true },
                    { "9d8e3a52-4f0b-4c5e-9a51-2f7c8d1e6b03", new DateTime(2026, 12, 7, 0, 0, 0, 0, DateTimeKind.Utc).AddTicks(20), "Legacy default SG rule for ingress traffic", "ingress", "IPv6", null, null, null, null, "PARENT", null, true, false },
                    { "9d8e3a52-4f0b-4c5e-9a51-2f7c8d1e6b04", new DateTime(2026, 12, 7, 0, 0, 0, 0, DateTimeKind.Utc).AddTicks(30), "Legacy default SG rule for egress traffic", "egress", "IPv6", null, null, null, null, null, null, true, true }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DefaultSecurityGroupRules");
        }
    }
}
