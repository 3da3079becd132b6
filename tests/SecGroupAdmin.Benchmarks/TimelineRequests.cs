using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace SecGroupAdmin.Benchmarks;

/// <summary>Marks each HTTP request's arrival and response start on the <see cref="ServerTimeline"/>, ahead of the app's own middleware.</summary>
internal sealed class TimelineRequests(ServerTimeline timeline) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            var path = context.Request.Path.Value ?? "";
            timeline.Mark($"request {path}");
            context.Response.OnStarting(() =>
            {
                timeline.Mark($"response starts {path}");
                return Task.CompletedTask;
            });
            await nextMiddleware(context);
            timeline.Mark($"response ends {path}");
        });
        next(app);
    };
}
