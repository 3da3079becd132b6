using System.Data.Common;
using System.Net.Sockets;
using Npgsql;
using SecGroupAdmin.Domain.Errors;

namespace SecGroupAdmin.Web.Operations;

/// <summary>
/// Recognises "the database server is not there" (PostgreSQL stopped, restarting or unreachable), as opposed to a
/// bad query or a constraint: such requests answer 503 and the app recovers by itself once the server is back (a
/// failed transaction was rolled back with its connection, so nothing is half-written).
/// </summary>
public static class DatabaseOutage
{
    public const string Message = "The database is unavailable; please try again shortly.";

    /// <summary>The NeutronError the API answers during an outage.</summary>
    public static NeutronError Error { get; } = new("ServiceUnavailable", Message, StatusCodes.Status503ServiceUnavailable);

    public static bool IsOutage(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // 08: connection exceptions; 57P01-57P03: shutting down, crash shutdown, cannot connect now.
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal):
                    return true;
                case PostgresException:
                    return false;
                // Npgsql's own (not the server's) errors are connection failures: refused, reset, timed out.
                case NpgsqlException:
                case SocketException:
                    return true;
                case DbException:
                    return false;
            }
        }
        return false;
    }

    /// <summary>
    /// Answers 503 for requests that fail because the database is down: NeutronError JSON under <c>/v2.0</c> and <c>/api</c>, a short
    /// page elsewhere. Placed early so that it wraps the pages, the exports and the API.
    /// </summary>
    public static IApplicationBuilder UseDatabaseOutageResponses(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (IsOutage(ex) && !context.Response.HasStarted)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseOutage).FullName!)
                .LogWarning("Database unavailable for {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, ex.Message);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            if (Api.ApiPaths.IsJsonApi(context.Request.Path))
            {
                await Api.NeutronResults.Error(Error).ExecuteAsync(context);
            }
            else
            {
                context.Response.ContentType = "text/html; charset=utf-8";
                await context.Response.WriteAsync(
                    "<!DOCTYPE html><html><head><title>Unavailable</title></head><body><h1>Service unavailable</h1><p>" + Message + "</p></body></html>");
            }
        }
    });
}
