using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecGroupAdmin.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class KeystoneTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "KeystoneTokens",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(64)", nullable: true),
                    Method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ApplicationCredentialId = table.Column<string>(type: "character varying(36)", nullable: true),
                    IssuedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeystoneTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KeystoneTokens_ApiTokens_ApplicationCredentialId",
                        column: x => x.ApplicationCredentialId,
                        principalTable: "ApiTokens",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_KeystoneTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_KeystoneTokens_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_KeystoneTokens_ApplicationCredentialId",
                table: "KeystoneTokens",
                column: "ApplicationCredentialId");

            migrationBuilder.CreateIndex(
                name: "IX_KeystoneTokens_ExpiresAt",
                table: "KeystoneTokens",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_KeystoneTokens_TenantId",
                table: "KeystoneTokens",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_KeystoneTokens_TokenHash",
                table: "KeystoneTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_KeystoneTokens_UserId",
                table: "KeystoneTokens",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "KeystoneTokens");
        }
    }
}
