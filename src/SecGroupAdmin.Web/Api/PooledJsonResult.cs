using System.Buffers;
using System.Text.Json;

namespace SecGroupAdmin.Web.Api;

/// <summary>
/// A JSON response written into a buffer rented from <see cref="ArrayPool{T}.Shared"/> and sent with its
/// Content-Length. A list of hundreds of rules is some hundred KB: a fresh array that size lands on the large
/// object heap, which only a full collection reclaims, so every such response made the next full GC come sooner.
/// </summary>
internal sealed class PooledJsonResult(int sizeHint, Action<Utf8JsonWriter> write) : IResult
{
    private const string JsonContentType = "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using var buffer = new PooledBuffer(sizeHint);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted);
    }

    /// <summary>An <see cref="IBufferWriter{T}"/> over rented arrays; returns them when disposed.</summary>
    private sealed class PooledBuffer(int initialSize) : IBufferWriter<byte>, IDisposable
    {
        private byte[] array = ArrayPool<byte>.Shared.Rent(Math.Max(initialSize, 256));

        public int WrittenCount { get; private set; }

        public ReadOnlyMemory<byte> WrittenMemory => array.AsMemory(0, WrittenCount);

        public void Advance(int count) => WrittenCount += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return array.AsMemory(WrittenCount);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return array.AsSpan(WrittenCount);
        }

        private void Ensure(int sizeHint)
        {
            var needed = WrittenCount + Math.Max(sizeHint, 1);
            if (needed <= array.Length)
            {
                return;
            }
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, array.Length * 2));
            array.AsSpan(0, WrittenCount).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(array);
            array = larger;
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(array);
            array = [];
        }
    }
}
