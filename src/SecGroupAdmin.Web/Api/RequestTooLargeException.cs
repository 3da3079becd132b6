namespace SecGroupAdmin.Web.Api;

/// <summary>A request body over <see cref="RequestBody.MaxBytes"/>; answered with 413.</summary>
public sealed class RequestTooLargeException() : Exception("Request is too large.");
