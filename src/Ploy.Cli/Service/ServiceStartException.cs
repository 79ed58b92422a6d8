namespace Ploy.Cli.Service;

/// <summary>The service refuses to start (live mode unavailable, database unreachable…); the message says why, for the operator.</summary>
public sealed class ServiceStartException : Exception
{
    public ServiceStartException()
    {
    }

    public ServiceStartException(string message)
        : base(message)
    {
    }

    public ServiceStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
