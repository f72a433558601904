using Amazon;
using Amazon.Runtime.Signing;
using R3mes.Sidecar.Aws.Client;
using R3mes.Sidecar.Aws.Configuration;
using R3mes.Sidecar.Aws.Credentials;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Aws;

/// <summary>
/// The Secrets Manager client, made on first use from the plan's <c>aws:</c> settings: the default credential chain,
/// a SigV4 signing handler (service <c>secretsmanager</c>) under an HttpClient, and one resilience pipeline
/// (concurrency bound, per-attempt timeout; no retries). Sources hold this and reach the client only when they fetch.
/// </summary>
public sealed class AwsRuntime
{
    private readonly Lazy<AwsSettings?> _settings;
    private readonly Lazy<SecretsManagerClient> _client;
    private readonly Func<string, string?> _environment;

    /// <summary>The runtime of the plan's <c>aws:</c> section, read at first use (<see cref="PlanSections"/> says why).</summary>
    public AwsRuntime(PlanSections plan, TimeProvider time)
        : this(() => plan.Get<AwsSettings>(AwsSection.Name), time, Environment.GetEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(plan);
    }

    internal AwsRuntime(Func<AwsSettings?> settings, TimeProvider time, Func<string, string?> environment, SecretsManagerClient? client = null)
    {
        _environment = environment;
        _settings = new(settings);
        _client = new(() => client ?? CreateClient(Settings ?? throw new InvalidOperationException("an aws source is configured without an aws: section"), time));
    }

    public AwsSettings? Settings => _settings.Value;

    public SecretsManagerClient Client => _client.Value;

    /// <summary>The endpoint: the override, else <c>https://secretsmanager.&lt;region&gt;.amazonaws.com/</c>.</summary>
    public static Uri EndpointFor(AwsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Endpoint ?? new Uri($"https://secretsmanager.{settings.Region}.amazonaws.com/");
    }

    private SecretsManagerClient CreateClient(AwsSettings settings, TimeProvider time)
    {
        StsRegistration.Ensure(_environment);
        var signing = new SigV4SigningHandler(
            new AWSSigV4Parameters { Credentials = new ChainCredentials(), Region = RegionEndpoint.GetBySystemName(settings.Region), Service = "secretsmanager", SignPayload = true },
            new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = TimeSpan.FromSeconds(5) });
        return new SecretsManagerClient(new HttpClient(signing, disposeHandler: true), EndpointFor(settings), Resilience.BackendPipeline.Create(settings.MaxConcurrent, settings.Timeout, time));
    }
}
