using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace R3mes.Sidecar.Aws.Emulator;

/// <summary>
/// An emulator of AWS on a real loopback port, for tests: Secrets Manager over JSON 1.1 (GetSecretValue,
/// DescribeSecret, BatchGetSecretValue, CreateSecret, PutSecretValue), STS over the query protocol
/// (GetCallerIdentity, AssumeRoleWithWebIdentity) and the ECS/EKS container credentials endpoint. Every signed call
/// is verified with the emulator's own SigV4 code. Fault injection: queued errors, throttling, dropped connections,
/// stop/resume. Wire format follows docs/AWS.md and AWS's service models, not the client.
/// </summary>
public sealed partial class AwsEmulator : IAsyncDisposable
{
    private readonly AwsEmulatorOptions _options;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, AwsCredential> _credentials = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatedSecret> _secrets = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<AwsFault> _faults = new();
    private readonly ConcurrentQueue<AwsRequest> _requests = new();
    private WebApplication? _app;

    private AwsEmulator(AwsEmulatorOptions options) => _options = options;

    public Uri Address { get; private set; } = new("http://127.0.0.1/");

    public string Region => _options.Region;

    public string AccountId => _options.AccountId;

    public IReadOnlyList<AwsRequest> Requests => [.. _requests];

    public static async Task<AwsEmulator> StartAsync(AwsEmulatorOptions? options = null)
    {
        var emulator = new AwsEmulator(options ?? new AwsEmulatorOptions());
        await emulator.ListenAsync(emulator._options.Port).ConfigureAwait(false);
        return emulator;
    }

    public void ClearRequests() => _requests.Clear();

    public int Count(string operation) => _requests.Count(r => r.Operation == operation);

    /// <summary>Answers the next <paramref name="count"/> Secrets Manager/STS requests with <paramref name="status"/> and an AWS error of <paramref name="type"/>.</summary>
    public void FailNext(int count, int status, string type, string? message = null)
    {
        for (var i = 0; i < count; i++)
        {
            _faults.Enqueue(new AwsFault(status, type, message ?? DefaultMessage(type)));
        }
    }

    /// <summary>The next <paramref name="count"/> requests get ThrottlingException (400, "Rate exceeded").</summary>
    public void Throttle(int count) => FailNext(count, 400, "ThrottlingException", "Rate exceeded");

    /// <summary>Aborts the next <paramref name="count"/> connections without an answer.</summary>
    public void DropNext(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _faults.Enqueue(new AwsFault(0, "", "", Drop: true));
        }
    }

    /// <summary>Stops listening (connection refused) while keeping all state.</summary>
    public async Task StopListeningAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }

    /// <summary>Listens again on the same port.</summary>
    public Task ResumeListeningAsync() => ListenAsync(Address.Port);

    public ValueTask DisposeAsync() => new(StopListeningAsync());

    internal DateTimeOffset Now => _options.Time.GetUtcNow();

    private async Task ListenAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        Address = new Uri(address.EndsWith('/') ? address : address + "/");
        _app = app;
    }

    private static string DefaultMessage(string type) => type switch
    {
        "ThrottlingException" => "Rate exceeded",
        "InternalServiceError" => "An error occurred on the server side.",
        "AccessDeniedException" => "User is not authorized to perform this operation.",
        "DecryptionFailure" => "Secrets Manager can't decrypt the protected secret text using the provided KMS key.",
        _ => type,
    };

    internal static string RandomText(int length, string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") =>
        string.Create(length, alphabet, (span, chars) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = chars[RandomNumberGenerator.GetInt32(chars.Length)];
            }
        });
}
