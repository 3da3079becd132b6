using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using SecGroupAdmin.Data.Identity;

namespace SecGroupAdmin.Web.Hosting;

/// <summary>
/// On first start with no users, creates the CloudAdmin from configuration (<c>Bootstrap:AdminEmail</c>,
/// <c>Bootstrap:AdminPassword</c>), or with a generated password printed once to the console (never logged).
/// </summary>
public sealed class AdminBootstrap(
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    IConfiguration configuration,
    ILogger<AdminBootstrap> logger)
{
    public static readonly string[] GlobalRoles = ["CloudAdmin", "Auditor"];

    public async Task EnsureAdminAsync()
    {
        foreach (var role in GlobalRoles)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if (users.Users.Any())
        {
            return;
        }

        var email = configuration["Bootstrap:AdminEmail"];
        if (string.IsNullOrWhiteSpace(email))
        {
            email = "admin@secgroupadmin.local";
        }
        var password = configuration["Bootstrap:AdminPassword"];
        var generated = string.IsNullOrEmpty(password);
        if (generated)
        {
            password = GeneratePassword();
        }

        var admin = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Cloud admin" };
        var created = await users.CreateAsync(admin, password!);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Could not create the first admin: " +
                string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(admin, "CloudAdmin");
        logger.LogInformation("Created the first CloudAdmin account {Email}", email);

        // Printed straight to the console, once, so that no log sink ever stores it.
        Console.WriteLine();
        Console.WriteLine("=================================================================");
        Console.WriteLine(" SecGroupAdmin: first start, a CloudAdmin account was created.");
        Console.WriteLine($"   email:    {email}");
        Console.WriteLine(generated
            ? $"   password: {password}   (generated; shown only this once)"
            : "   password: the one set in Bootstrap:AdminPassword");
        Console.WriteLine("=================================================================");
        Console.WriteLine();
    }

    private static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 16);
        // Identity's default policy wants a digit, lower, upper and a symbol.
        return new string(chars) + "-7aZ";
    }
}
