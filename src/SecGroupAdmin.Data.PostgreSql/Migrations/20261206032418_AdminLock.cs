using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecGroupAdmin.Data.PostgreSql.Migrations
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
                type: "timestamp with time zone",
                nullable: true);

            // Users locked from the page before this column existed (LockoutEnd = DateTimeOffset.MaxValue) stay locked.
            migrationBuilder.Sql("""UPDATE "AspNetUsers" SET "AdminLockedAt" = now() WHERE "LockoutEnd" >= '9999-01-01';""");
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
