using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Endpoints;

/// <summary>
/// The one way the listeners (<c>listen</c>, <c>vault.proxy.listen</c>, <c>aws.agent.listen</c>) are routed: by the
/// local port a connection arrived on. The plan gives each listener its own port, so a request for one can never be
/// served by another's handler (the Vault proxy's token never answers on the metrics port).
/// </summary>
internal static class ListenerRoute
{
    public static void Map(WebApplication app, ListenAddress address, RequestDelegate serve)
    {
        ArgumentNullException.ThrowIfNull(address);
        var port = address.Port;
        app.MapWhen(context => context.Connection.LocalPort == port, branch => branch.Run(serve));
    }
}
