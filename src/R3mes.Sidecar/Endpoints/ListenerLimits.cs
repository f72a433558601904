using Microsoft.AspNetCore.Server.Kestrel.Core;
using R3mes.Sidecar.Posix;

namespace R3mes.Sidecar.Endpoints;

/// <summary>
/// Opens Kestrel's listeners, each behind its own <see cref="ConnectionBound"/> (<c>limits:</c>, cut to fit the
/// open-file limit by <see cref="FileDescriptorBudget"/>) and its accept gate (<see cref="GatedListenerFactory"/>), and
/// closes idle connections soon: a connection that sends no complete request head within
/// <see cref="RequestHeadersTimeout"/>, or stays idle between requests longer than <see cref="KeepAliveTimeout"/>,
/// gives its slot back.
/// </summary>
internal static partial class ListenerLimits
{
    public static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(5);

    public static void Configure(WebApplicationBuilder builder, IReadOnlyList<Listener> listeners, ConnectionLimits limits, TimeProvider time, ILoggerFactory logs)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(logs);
        var wanted = listeners.Select(l => limits.For(l.Key)).ToArray();
        var openFiles = OpenFileLimit.RaiseToHard();
        var inUse = OpenFileLimit.InUse();
        var bounds = FileDescriptorBudget.Bounds(wanted, openFiles, inUse);
        var logger = logs.CreateLogger<ConnectionBound>();
        var gates = new Dictionary<System.Net.EndPoint, ConnectionBound>();
        for (var i = 0; i < listeners.Count; i++)
        {
            var (key, address, what) = listeners[i];
            if (bounds[i] < wanted[i])
            {
                LogBoundCut(logger, what, wanted[i], bounds[i], openFiles, inUse, FileDescriptorBudget.Reserve);
            }

            gates[address.EndPoint] = new ConnectionBound(what, bounds[i], key == AwsAgentEndpoint.Key, time, logger);
        }

        builder.Services.Configure<KestrelServerOptions>(options =>
        {
            options.AddServerHeader = false;
            options.Limits.KeepAliveTimeout = KeepAliveTimeout;
            options.Limits.RequestHeadersTimeout = RequestHeadersTimeout;
            foreach (var (endpoint, bound) in gates)
            {
                options.Listen(endpoint, listen => listen.Use(bound.Wrap));
            }
        });
        builder.Services.AddSingleton<Microsoft.AspNetCore.Connections.IConnectionListenerFactory>(new GatedListenerFactory(gates, logs));
    }

    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "{What}: at most {Bound} connections instead of {Wanted}: the open-file limit is {OpenFiles}, {InUse} are open and {Reserve} stay for the secrets; raise ulimit -n")]
    private static partial void LogBoundCut(ILogger logger, string what, int wanted, int bound, ulong openFiles, int inUse, int reserve);
}
