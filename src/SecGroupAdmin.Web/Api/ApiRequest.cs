using Microsoft.AspNetCore.Authentication;
using SecGroupAdmin.Domain.Errors;
using SecGroupAdmin.Web.Auth;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// Runs one API request: request id header, authentication, method dispatch (405 for the others), and the
/// translation of refusals into NeutronError JSON. No input ever escapes as a 500.
/// </summary>
public static class ApiRequest
{
    public delegate Task<IResult> Handler(HttpContext context, Caller caller);

    public static RequestDelegate Dispatch(params (string Method, Handler Handler)[] handlers) => async context =>
    {
        var requestId = "req-" + Guid.NewGuid();
        context.Response.Headers["X-Openstack-Request-Id"] = requestId;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("SecGroupAdmin.Api");
        IResult result;
        try
        {
            // The API token scheme (X-Auth-Token or bearer): missing, unknown, revoked or expired tokens give no caller (401).
            var authentication = await context.AuthenticateAsync(ApiTokenAuthenticationDefaults.Scheme);
            var caller = authentication.Succeeded ? ApiTokenAuthenticationHandler.CallerOf(context) : null;
            if (caller is not null)
            {
                caller = caller with { RequestId = requestId };
            }
            if (caller is null)
            {
                result = NeutronResults.Unauthorized();
            }
            else
            {
                var handler = handlers.FirstOrDefault(h => HttpMethods.Equals(h.Method, context.Request.Method)).Handler;
                result = handler is null
                    ? NeutronResults.Error(NeutronErrors.MethodNotAllowed())
                    : await handler(context, caller);
            }
        }
        catch (NeutronException refusal)
        {
            result = NeutronResults.Error(refusal.Error);
        }
        catch (RequestTooLargeException)
        {
            result = NeutronResults.TooLarge();
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (Operations.DatabaseOutage.IsOutage(ex))
        {
            logger.LogWarning("Database unavailable for {Method} {Path} ({RequestId}): {Reason}", context.Request.Method, context.Request.Path, requestId, ex.Message);
            result = NeutronResults.Error(Operations.DatabaseOutage.Error);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Unexpected failure in {Method} {Path} ({RequestId})", context.Request.Method, context.Request.Path, requestId);
            result = NeutronResults.InternalError();
        }
        await result.ExecuteAsync(context);
    };

    /// <summary>Reads <c>If-Match: revision_number=N</c>; null when absent.</summary>
    public static long? ExpectedRevision(HttpContext context)
    {
        var header = context.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }
        const string prefix = "revision_number=";
        var text = header.Trim().Trim('"');
        if (text.StartsWith(prefix, StringComparison.Ordinal) && long.TryParse(text[prefix.Length..], out var revision))
        {
            return revision;
        }
        throw new NeutronException(NeutronErrors.BadIfMatch());
    }
}
