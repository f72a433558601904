using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Vault.Auth;
using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.Configuration;

namespace R3mes.Sidecar.Vault;

/// <summary>
/// The Vault client and session, made on first use from the plan's <c>vault:</c> settings. Sources are created
/// while the plan is built, so they hold this and reach the client only when they fetch; the settings come from
/// <see cref="PlanSections"/>, which the plan builder fills before it makes any source.
/// </summary>
public sealed class VaultRuntime
{
    private readonly Lazy<VaultSettings?> _settings;
    private readonly Func<string?> _stateDirectory;
    private readonly StatusBoard? _board;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly Lock _gate = new();
    private VaultClient? _client;
    private VaultSession? _session;
    private readonly List<Leases.LeasedSource> _leases = [];

    public VaultRuntime(PlanSections plan, StatusBoard board, Diagnostics.SidecarMetrics metrics, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _settings = new(() => plan.Get<VaultSettings>(VaultSection.Name));
        _stateDirectory = () => plan.StateDir;
        _board = board;
        Metrics = metrics;
        _time = time;
        _loggers = loggers;
    }

    /// <summary>A runtime over a given client and session (tests, tools).</summary>
    internal VaultRuntime(VaultSettings settings, VaultClient client, VaultSession session, string? stateDirectory = null)
    {
        _settings = new(settings);
        _client = client;
        _session = session;
        _stateDirectory = () => stateDirectory;
        _time = TimeProvider.System;
        _loggers = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
    }

    public VaultSettings? Settings => _settings.Value;

    /// <summary>The sidecar's metrics (null for a runtime made by tests over a given client).</summary>
    public Diagnostics.SidecarMetrics? Metrics { get; }

    /// <summary><c>state_dir</c>, where the token and leases are kept across restarts; null when not configured.</summary>
    public string? StateDirectory => _stateDirectory();

    /// <summary>The leased secrets in use, for <c>revoke_on_shutdown</c>.</summary>
    internal IReadOnlyList<Leases.LeasedSource> Leases
    {
        get
        {
            lock (_leases)
            {
                return [.. _leases];
            }
        }
    }

    internal Leases.LeasedSource Track(Leases.LeasedSource source)
    {
        lock (_leases)
        {
            _leases.Add(source);
        }

        return source;
    }

    public VaultClient Client
    {
        get
        {
            lock (_gate)
            {
                return _client ??= CreateClient(Required());
            }
        }
    }

    public VaultSession Session
    {
        get
        {
            var client = Client;
            lock (_gate)
            {
                if (_session is null)
                {
                    var stateDir = StateDirectory;
                    var board = _board ?? throw new InvalidOperationException("no status board");
                    _session = new VaultSession(client, Required().Auth.Login, board, _time, _loggers.CreateLogger<VaultSession>(), Metrics)
                    {
                        State = stateDir is null ? null : new TokenState(stateDir),
                    };
                    if (Required().TokenFile is { } tokenFile)
                    {
                        _session.LoggedIn += new TokenFileSink(tokenFile).Write;
                    }
                }

                return _session;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="call"/> with the session's token; when Vault says the token is invalid, logs in again
    /// (once, shared with concurrent callers) and runs it again with the new token.
    /// </summary>
    internal async Task<T> WithTokenAsync<T>(string where, ILogger logger, Func<VaultToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var session = Session;
        var token = await session.TokenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await call(token).ConfigureAwait(false);
        }
        catch (VaultApiException e) when (e.IsInvalidToken)
        {
            VaultLog.TokenRejected(logger, token.Accessor, where);
            token = await session.LoginAsync(token, cancellationToken).ConfigureAwait(false);
            return await call(token).ConfigureAwait(false);
        }
    }

    private VaultSettings Required() =>
        Settings ?? throw new InvalidOperationException("a vault source is configured without a vault: section");

    private VaultClient CreateClient(VaultSettings settings)
    {
        if (settings.Tls.SkipVerify)
        {
            VaultLog.SkipVerify(_loggers.CreateLogger<VaultRuntime>(), settings.Address.ToString());
        }

        var http = new HttpClient(VaultHttp.CreateHandler(settings.Tls), disposeHandler: true);
        var pipeline = Resilience.BackendPipeline.Create(settings.MaxConcurrent, settings.Timeout, _time);
        return new VaultClient(http, settings, pipeline);
    }
}
