using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;
using R3mes.Sidecar.Vault.Database;
using R3mes.Sidecar.Vault.Kv;
using R3mes.Sidecar.Vault.Leases;
using R3mes.Sidecar.Vault.Pki;

namespace R3mes.Sidecar.Vault.Engines;

/// <summary>
/// <c>source: { vault: … }</c>. At the first fetch asks Vault which engine serves the path and hands it to the right
/// reader: KV (versioned reads), PKI <c>issue</c> (certificates re-issued before they expire), database
/// <c>static-creds</c> (re-read after the rotation), anything else as a leased read (renewed and replaced).
/// </summary>
internal sealed class VaultSource(VaultRuntime vault, VaultSourceOptions options, Lifetimes.LifetimeEngine engine, Random random, TimeProvider time, ILoggerFactory loggers)
    : ISecretSource, IAcknowledgedSource, IWatchableSource
{
    private ISecretSource? _reader;
    private Action? _changed;

    public string Description => _reader?.Description ?? $"vault {options.Where}" + (options.Version is { } v ? $" (version {v})" : "");

    /// <summary>The leased reader, once the engine is known (for revoke_on_shutdown).</summary>
    public LeasedSource? Leased => _reader as LeasedSource;

    public async ValueTask<SecretData> FetchAsync(CancellationToken cancellationToken)
    {
        _reader ??= Reader(await ResolveAsync(cancellationToken).ConfigureAwait(false));
        return await _reader.FetchAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask WrittenAsync(SecretData data, CancellationToken cancellationToken) =>
        _reader is IAcknowledgedSource acknowledged ? acknowledged.WrittenAsync(data, cancellationToken) : ValueTask.CompletedTask;

    /// <summary>
    /// A leased secret is re-examined when its lease keeper finds a replacement due earlier than the last fetch said
    /// (a lost lease, a rotation point moved by a capped renewal or by the token's deadline: the keeper is woken by
    /// <see cref="Auth.VaultSession.DeadlineChanged"/>, so that is the one path).
    /// </summary>
    public IDisposable Watch(Action changed)
    {
        _changed = changed;
        if (_reader is LeasedSource leased)
        {
            leased.Changed = changed;
        }

        return new Unsubscribe(() =>
        {
            _changed = null;
            if (_reader is LeasedSource watched)
            {
                watched.Changed = null;
            }
        });
    }

    private Task<VaultMount> ResolveAsync(CancellationToken cancellationToken) =>
        vault.WithTokenAsync(options.Where, loggers.CreateLogger<VaultSource>(),
            token => MountResolver.ResolveAsync(vault.Client, token, options.Path, cancellationToken), cancellationToken);

    private ISecretSource Reader(VaultMount mount)
    {
        if (!mount.IsKv && options.Version is not null)
        {
            throw new SecretSourceException($"vault {options.Where}: 'version' pins a KV version, but the mount is '{mount.Type}'", transient: false);
        }

        if (options.Params.Count > 0 && !(mount.Type == "pki" && PkiSource.IsIssuePath(mount)))
        {
            throw new SecretSourceException($"vault {options.Where}: 'params' are sent to a PKI issue path; this path is on a '{mount.Type}' mount", transient: false);
        }

        var state = vault.StateDirectory is { } directory ? new State.StateFiles(directory) : null;
        return mount switch
        {
            { IsKv: true } => new KvSource(vault, options.Path, options.Version, loggers.CreateLogger<KvSource>(), mount.AsKv()),
            { Type: "pki" } when PkiSource.IsIssuePath(mount) =>
                new PkiSource(vault, options, state is null ? null : new PkiStore(state, options.Secret, PkiRequest.Key(vault.Settings, options)), time, random, loggers.CreateLogger<PkiSource>()),
            { Type: "database", Operation: "static-creds" } => new StaticCredsSource(vault, options.Path, loggers.CreateLogger<StaticCredsSource>()),
            _ => vault.Track(new LeasedSource(vault, options.Path, options.Secret, options.Lease, state is null ? null : new LeaseStore(state, options.Secret), random, time, loggers.CreateLogger<LeasedSource>(), engine)
            {
                Changed = _changed,
            }),
        };
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
