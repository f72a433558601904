using System.Text;

namespace R3mes.Sidecar.Aws.Agent;

/// <summary>The answer: status, content type and body bytes.</summary>
internal sealed record AgentResponse(int Status, string ContentType, byte[] Body)
{
    public const string Json = "application/json";
    public const string Text = "text/plain; charset=utf-8";

    public static AgentResponse Plain(int status, string text) => new(status, Text, Encoding.UTF8.GetBytes(text));
}
