using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecGroupAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class AdminLock : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AdminLockedAt",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            // Users locked from the page before this column existed (LockoutEnd = DateTimeOffset.MaxValue) stay locked.
            migrationBuilder.Sql("""UPDATE "AspNetUsers" SET "AdminLockedAt" = CURRENT_TIMESTAMP WHERE "LockoutEnd" >= '9999';""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AdminLockedAt",
                table: "AspNetUsers");
        }
    }
}
