namespace SecGroupAdmin.Web.Cli;

/// <summary>A verb could not do what was asked; its message is printed as one line on stderr.</summary>
internal sealed class CommandFailure(string message, int exitCode = AdminCommands.ExitFailure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
