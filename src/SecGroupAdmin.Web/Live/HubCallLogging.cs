using Microsoft.AspNetCore.SignalR;

namespace SecGroupAdmin.Web.Live;

/// <summary>
/// Logs hub method calls that fail: a <see cref="HubException"/> is an expected refusal (a join the caller may not
/// make) and is logged at Information without the exception; anything else is a fault and is logged as an error with
/// its stack. SignalR's own dispatcher logs every failure as an error with the stack, so its category is silenced
/// (<see cref="HubCallLoggingExtensions.AddHubCallLogging"/>) and this filter, which sees every hub's calls, takes its place.
/// </summary>
public sealed partial class HubCallLogging(ILogger<HubCallLogging> logger) : IHubFilter
{
    /// <summary>The log category of SignalR's hub dispatcher (<c>DefaultHubDispatcher&lt;THub&gt;</c>).</summary>
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(invocationContext);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(invocationContext);
        }
        catch (HubException refusal)
        {
            LogRefused(invocationContext.Hub.GetType().Name, invocationContext.HubMethodName, refusal.Message);
            throw;
        }
        catch (Exception fault) when (fault is not OperationCanceledException)
        {
            LogFailed(fault, invocationContext.Hub.GetType().Name, invocationContext.HubMethodName);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Hub}.{Method} refused: {Reason}")]
    private partial void LogRefused(string hub, string method, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Hub}.{Method} failed")]
    private partial void LogFailed(Exception exception, string hub, string method);
}
