using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Output;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Pipeline;

/// <summary>
/// One refresh of one secret: fetch, render every file, write them all. Files that changed during a pass that
/// later failed are remembered, so the next successful pass still reports them and their actions run once. A file
/// this process created (first render) is reported as such, so actions can skip it.
/// Only value-free messages are logged: source, render and output errors are built without values.
/// </summary>
public sealed partial class SecretRefresher(SidecarPlan plan, StatusBoard board, SidecarMetrics metrics, ILogger<SecretRefresher> logger)
{
    private readonly SecretFileWriter _writer = new(plan.Output.Directory);
    private readonly FirstWrites _firstWrites = new(plan.Output.Directory);

    // Per secret: changed file name -> whether every write of it since the last report created it (first render).
    private readonly Dictionary<string, Dictionary<string, bool>> _pending = new(StringComparer.Ordinal);

    public async Task<RefreshResult> RefreshAsync(SecretSpec secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var data = await FetchAsync(secret, cancellationToken).ConfigureAwait(false);
        var files = SecretRenderer.Render(secret, data);
        var changed = Pending(secret.Name);
        string? failure = null;
        foreach (var file in files)
        {
            try
            {
                var creates = _firstWrites.WouldCreate(file.Target.Name);
                var outcome = _writer.Write(file.Target, file.Content);
                _firstWrites.Seen(file.Target.Name);
                metrics.FileWrites.Add(1, SidecarMetrics.Tag("secret", secret.Name), SidecarMetrics.Tag("outcome", Outcome(outcome)));
                Audit(secret, file, outcome);
                if (outcome is WriteOutcome.Written)
                {
                    lock (changed)
                    {
                        changed[file.Target.Name] = creates && changed.GetValueOrDefault(file.Target.Name, true);
                    }
                }
            }
            catch (OutputException e)
            {
                metrics.WriteErrors.Add(1, SidecarMetrics.Tag("secret", secret.Name));
                LogWriteFailed(logger, file.Target.Name, secret.Name, e.Message);
                failure ??= e.Message;
            }
        }

        if (failure is not null)
        {
            throw new OutputException(failure);
        }

        string[] result;
        string[] created;
        lock (changed)
        {
            result = [.. changed.Keys.Order(StringComparer.Ordinal)];
            created = [.. result.Where(f => changed[f])];
            changed.Clear();
        }

        if (secret.Source is IAcknowledgedSource acknowledged)
        {
            // Not the refresh's token: the acknowledgement of files already on disk must not be lost to a shutdown.
            await acknowledged.WrittenAsync(data, CancellationToken.None).ConfigureAwait(false);
        }
        var before = board.Succeeded(secret.Name, data.Freshness.ExpiresAt ?? data.Freshness.Lease?.ExpiresAt);
        if (before.Failures > 0)
        {
            LogRecovered(logger, secret.Name, before.Failures, before.FailingSince is { } since ? (board.Now - since).TotalSeconds : 0);
        }

        return new RefreshResult(result, data.Freshness) { CreatedFiles = created };
    }

    /// <summary>Fetches, and tells the board and the metrics whether the backend answered.</summary>
    private async Task<Secrets.SecretData> FetchAsync(SecretSpec secret, CancellationToken cancellationToken)
    {
        var backend = BackendName.Of(secret.Source);
        try
        {
            var data = await secret.Source.FetchAsync(cancellationToken).ConfigureAwait(false);
            board.SetComponent(backend, null);
            return data;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = FailureReason.Of(e);
            metrics.BackendErrors.Add(1, SidecarMetrics.Tag("backend", backend), SidecarMetrics.Tag("reason", reason));
            if (FailureReason.MeansDown(reason))
            {
                board.SetComponent(backend, Failure.Describe(e));
            }

            throw;
        }
    }

    private Dictionary<string, bool> Pending(string secret)
    {
        lock (_pending)
        {
            if (!_pending.TryGetValue(secret, out var files))
            {
                _pending[secret] = files = new Dictionary<string, bool>(StringComparer.Ordinal);
            }

            return files;
        }
    }

    private void Audit(SecretSpec secret, RenderedFile file, WriteOutcome outcome)
    {
        switch (outcome)
        {
            case WriteOutcome.Written:
                LogFileWritten(logger, file.Target.Name, file.Content.Length, board.NextGeneration(file.Target.Name), secret.Name);
                break;
            case WriteOutcome.MetadataFixed:
                LogMetadataFixed(logger, file.Target.Name, OptionModes(file.Target), secret.Name);
                break;
            case WriteOutcome.KeptExisting:
                LogKeptExisting(logger, file.Target.Name, secret.Name);
                break;
            case WriteOutcome.Relinked:
                LogRelinked(logger, file.Target.Name, secret.Name);
                break;
            default:
                LogFileUnchanged(logger, file.Target.Name, secret.Name);
                break;
        }
    }

    private static string OptionModes(FileTarget target) => Configuration.OptionValues.FormatMode(target.Mode);

    private static string Outcome(WriteOutcome outcome) => outcome switch
    {
        WriteOutcome.Written => "written",
        WriteOutcome.Unchanged => "unchanged",
        WriteOutcome.MetadataFixed => "metadata_fixed",
        WriteOutcome.Relinked => "relinked",
        _ => "kept_existing",
    };

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "wrote {File} ({Size} bytes, generation {Generation}) for secret {Secret}")]
    private static partial void LogFileWritten(ILogger logger, string file, int size, long generation, string secret);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Debug, Message = "{File} unchanged for secret {Secret}")]
    private static partial void LogFileUnchanged(ILogger logger, string file, string secret);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "{File} differs from secret {Secret} but has update: never; kept the existing file and told no one")]
    private static partial void LogKeptExisting(ILogger logger, string file, string secret);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "{File} had the wrong mode or owner; set to {Mode} for secret {Secret}")]
    private static partial void LogMetadataFixed(ILogger logger, string file, string mode, string secret);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "{File} had other hard links (another name, perhaps outside the output directory, shared it); replaced it by a fresh file for secret {Secret}, the other names untouched")]
    private static partial void LogRelinked(ILogger logger, string file, string secret);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error, Message = "could not write {File} for secret {Secret}: {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, string file, string secret, string reason);

    [LoggerMessage(EventId = 2050, Level = LogLevel.Information, Message = "secret {Secret} recovered: refreshed after {Failures} failed attempt(s) over {Seconds:0.#}s")]
    private static partial void LogRecovered(ILogger logger, string secret, int failures, double seconds);
}
