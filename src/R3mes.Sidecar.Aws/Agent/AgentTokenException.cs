namespace R3mes.Sidecar.Aws.Agent;

/// <summary>The agent endpoint's token is missing, empty or unreadable: the endpoint refuses to start.</summary>
public sealed class AgentTokenException : Exception
{
    public AgentTokenException()
    {
    }

    public AgentTokenException(string message) : base(message)
    {
    }

    public AgentTokenException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
