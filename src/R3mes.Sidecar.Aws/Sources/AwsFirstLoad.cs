using R3mes.Sidecar.Aws.Client;

namespace R3mes.Sidecar.Aws.Sources;

/// <summary>
/// The first load of many AWSCURRENT secrets in BatchGetSecretValue calls of up to 20 ids instead of one
/// GetSecretValue each (AWS's batch API; each id still needs GetSecretValue permission). Any failure of a batch, or
/// a secret the batch could not read, falls back to a single GetSecretValue for that secret.
/// </summary>
internal sealed class AwsFirstLoad(AwsRuntime aws)
{
    public const int BatchSize = 20;
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private Task<IReadOnlyDictionary<string, GetSecretValueResponse>>? _load;

    public void Register(string secretId)
    {
        lock (_ids)
        {
            _ids.Add(secretId);
        }
    }

    /// <summary>The batch-loaded value of <paramref name="secretId"/>, or null (load it on its own).</summary>
    public async Task<GetSecretValueResponse?> TakeAsync(string secretId, CancellationToken cancellationToken)
    {
        Task<IReadOnlyDictionary<string, GetSecretValueResponse>> load;
        lock (_ids)
        {
            if (_ids.Count < 2)
            {
                return null;
            }

            load = _load ??= LoadAsync([.. _ids], cancellationToken);
        }

        try
        {
            var values = await load.WaitAsync(cancellationToken).ConfigureAwait(false);
            return values.TryGetValue(secretId, out var value) ? value : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The caller that started the batch gave up (once's retry_budget): this one reads on its own.
            return null;
        }
    }

    private async Task<IReadOnlyDictionary<string, GetSecretValueResponse>> LoadAsync(string[] ids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, GetSecretValueResponse>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(BatchSize))
        {
            try
            {
                var response = await aws.Client.BatchGetSecretValueAsync(chunk, cancellationToken).ConfigureAwait(false);
                foreach (var value in response.SecretValues ?? [])
                {
                    var id = chunk.FirstOrDefault(i => i == value.Name || i == value.Arn);
                    if (id is not null && value.VersionStages?.Contains("AWSCURRENT") != false)
                    {
                        found[id] = value;
                    }
                }
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Each secret of this chunk is read on its own instead.
            }
        }

        return found;
    }
}
