using System.Text.Json;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// A 200 JSON response written to the body as it is produced: the writer hands its bytes to the response pipe, and
/// each call of the flush callback sends what is written so far. A list of a million rules so takes the memory of a
/// batch, not of the whole answer (no Content-Length; chunked).
/// </summary>
internal sealed class StreamedJsonResult(Func<Utf8JsonWriter, Func<Task>, CancellationToken, Task> write) : IResult
{
    private const string JsonContentType = "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var ct = httpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        async Task FlushAsync()
        {
            await writer.FlushAsync(ct);
            await response.BodyWriter.FlushAsync(ct);
        }
        await write(writer, FlushAsync, ct);
        await FlushAsync();
    }
}
