using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace SecGroupAdmin.Web.Hosting;

/// <summary>
/// Compression for the stylesheets and scripts that MapStaticAssets serves without a compressed variant: the SDK
/// pre-compresses the app's own assets and the non-fingerprinted routes of package assets, but not the fingerprinted
/// routes of a package's assets (MudBlazor's 627 KB stylesheet and its script, which the pages link by their
/// fingerprinted names for year-long caching), not even at publish. The framework's response compression fills that
/// gap for CSS and JS only (answers that already carry an encoding are left as they are); HTML and JSON are never
/// compressed here, so no secret in a page or an API answer shares a compressed stream with what a request reflects.
/// </summary>
public static class StaticAssetCompression
{
    private static readonly string[] Types = ["text/css", "text/javascript", "application/javascript"];

    public static IServiceCollection AddStaticAssetCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.MimeTypes = Types;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        // Fastest: a cold page load waits for it (once per browser: the names are fingerprinted and cached for a year).
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        return services;
    }

    public static IApplicationBuilder UseStaticAssetCompression(this IApplicationBuilder app) => app.UseResponseCompression();
}
