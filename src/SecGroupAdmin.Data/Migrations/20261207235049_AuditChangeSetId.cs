using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecGroupAdmin.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditChangeSetId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ChangeSetId",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // SQLite's own DROP COLUMN (the column has no index): EF Core's table rebuild would recreate the table and
            // its indexes from this migration's model, which loses the indexes later migrations' Down steps expect.
            migrationBuilder.Sql("""ALTER TABLE "AuditEntries" DROP COLUMN "ChangeSetId";""");
        }
    }
}
