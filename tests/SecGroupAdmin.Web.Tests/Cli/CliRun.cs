namespace SecGroupAdmin.Web.Tests.Cli;

/// <summary>What one admin verb did: its exit code and everything it wrote.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr);
