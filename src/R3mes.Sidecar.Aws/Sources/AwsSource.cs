using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Aws.Client;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Aws.Sources;

/// <summary>
/// One Secrets Manager secret. Each refresh asks DescribeSecret which version carries the wanted stage (default
/// AWSCURRENT) and calls GetSecretValue only when that moved — what AWS's own agent and CSI provider do. A pinned
/// <c>version_id</c> is read once. The first load may come from a BatchGetSecretValue of every secret.
/// </summary>
internal sealed partial class AwsSource(AwsRuntime aws, string secretId, string? stage, string? versionId, AwsFirstLoad? firstLoad, ILogger logger)
    : ISecretSource
{
    public const string CurrentStage = "AWSCURRENT";
    private SecretData? _last;

    public string Description => $"aws {secretId}" + (versionId is not null ? $" (version {versionId})" : stage is not null ? $" (stage {stage})" : "");

    private string Stage => stage ?? CurrentStage;

    public async ValueTask<SecretData> FetchAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_last is not null && (versionId is not null || !await MovedAsync(cancellationToken).ConfigureAwait(false)))
            {
                return _last;
            }

            var value = _last is null && versionId is null && stage is null && firstLoad is not null
                ? await firstLoad.TakeAsync(secretId, cancellationToken).ConfigureAwait(false)
                : null;
            value ??= (await aws.Client.GetSecretValueAsync(new GetSecretValueRequest
            {
                SecretId = secretId,
                VersionId = versionId,
                VersionStage = versionId is null ? stage : null,
            }, cancellationToken).ConfigureAwait(false)).Value;
            LogRead(logger, secretId, value.VersionId ?? "?");
            _last = SecretValueData.From(value, secretId);
            return _last;
        }
        catch (AwsApiException e)
        {
            // The AWS error stays the inner exception: its code decides the reason label and whether the backend is down.
            throw new SecretSourceException($"{e.Message}; the files keep their last value", e, transient: e.IsTransient);
        }
        catch (AmazonClientException e)
        {
            // Credentials could not be resolved or refreshed (the chain's message names the providers, never a key).
            throw new SecretSourceException($"aws {secretId}: no usable AWS credentials: {e.Message}", transient: true);
        }
    }

    /// <summary>Whether the version carrying the stage is not the one the files hold (DescribeSecret, no value read).</summary>
    private async Task<bool> MovedAsync(CancellationToken cancellationToken)
    {
        var described = await aws.Client.DescribeSecretAsync(secretId, cancellationToken).ConfigureAwait(false);
        if (described.DeletedDate is not null)
        {
            throw new SecretSourceException($"aws {secretId}: the secret is scheduled for deletion; the files keep their last value", transient: false);
        }

        var carrying = described.VersionIdsToStages?.FirstOrDefault(v => v.Value.Contains(Stage, StringComparer.Ordinal)).Key;
        return carrying is null || carrying != _last!.Freshness.Version;
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "aws {SecretId}: read version {VersionId}")]
    private static partial void LogRead(ILogger logger, string secretId, string versionId);
}
