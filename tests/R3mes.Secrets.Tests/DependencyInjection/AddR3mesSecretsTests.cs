using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using R3mes.Secrets.Tests.TestSupport;
using R3mes.Secrets.Watching;

namespace R3mes.Secrets.Tests.DependencyInjection;

/// <summary>
/// Issue 10: <c>services.AddR3mesSecrets()</c> gives a singleton <see cref="ISecretReader"/> whose values are cached
/// until the watcher reports a change, and options bound from the configuration provider reload on change.
/// The watcher runs on a fake clock without inotify, so a change is seen exactly when the test advances the clock.
/// </summary>
public sealed class AddR3mesSecretsTests : IDisposable
{
    private static readonly TimeSpan PollingInterval = TimeSpan.FromSeconds(2);
    private readonly TempSecretDirectory _secrets = new();
    private readonly FakeTimeProvider _time = new();
    private readonly FakeEnvironment _environment = new();

    public void Dispose() => _secrets.Dispose();

    [Fact]
    public void Resolve_ISecretReader_OneCachedReaderOverTheDirectory()
    {
        _secrets.Write("jwt_secret", "jwt");
        using var services = Services();

        var reader = services.GetRequiredService<ISecretReader>();

        Assert.IsType<CachedSecretReader>(reader);
        Assert.Same(reader, services.GetRequiredService<ISecretReader>());
        Assert.Equal(_secrets.Path, reader.Directory);
        Assert.Equal("jwt", reader.Get(SecretKey.JwtSecret));
    }

    [Fact]
    public void Get_FileChangedUnseenByWatcher_CachedValueUntilWatcherReports()
    {
        _secrets.Write("jwt_secret", "v1");
        using var services = Services();
        var reader = services.GetRequiredService<ISecretReader>();
        Assert.Equal("v1", reader.Get(SecretKey.JwtSecret));

        _secrets.WriteAtomically("jwt_secret", "v2");

        // No disk read while nothing was reported: the old value is still served.
        Assert.Equal("v1", reader.Get(SecretKey.JwtSecret));
        _time.Advance(PollingInterval);
        Assert.Equal("v2", reader.Get(SecretKey.JwtSecret));
    }

    [Fact]
    public async Task GetAsync_MissingThenWritten_NotFoundCachedUntilTheFileAppears()
    {
        _environment["JWT_SECRET"] = "from-variable";
        using var services = Services();
        var reader = services.GetRequiredService<ISecretReader>();
        Assert.Equal("from-variable", await reader.GetAsync(SecretKey.JwtSecret));
        await Assert.ThrowsAsync<SecretNotFoundException>(async () => await reader.GetAsync(SecretKey.RedisPassword));

        _secrets.WriteAtomically("jwt_secret", "from-file");
        _secrets.WriteAtomically("redis_password", "redis");
        _time.Advance(PollingInterval);

        Assert.Equal("from-file", await reader.GetAsync(SecretKey.JwtSecret));
        Assert.Equal("redis"u8.ToArray(), await reader.GetBytesAsync(SecretKey.RedisPassword));
    }

    [Fact]
    public void Get_FileDeleted_NotFoundAfterWatcherReports()
    {
        _secrets.Write("jwt_secret", "v1");
        using var services = Services();
        var reader = services.GetRequiredService<ISecretReader>();
        Assert.Equal("v1", reader.Get(SecretKey.JwtSecret));

        File.Delete(_secrets.PathOf("jwt_secret"));
        _time.Advance(PollingInterval);

        Assert.Throws<SecretNotFoundException>(() => reader.Get(SecretKey.JwtSecret));
    }

    [Fact]
    public void GetBytes_CallerModifiesArray_CacheUnaffected()
    {
        _secrets.Write("node_key", "key");
        using var services = Services();
        var reader = services.GetRequiredService<ISecretReader>();

        reader.GetBytes(SecretKey.NodeKey)[0] = (byte)'X';

        Assert.Equal("key"u8.ToArray(), reader.GetBytes(SecretKey.NodeKey));
    }

    [Fact]
    public void Get_EmptyFile_SecretEmptyExceptionAndTryGetFalse()
    {
        _secrets.Write("jwt_secret", "");
        using var services = Services();
        var reader = services.GetRequiredService<ISecretReader>();

        var error = Assert.Throws<SecretEmptyException>(() => reader.Get(SecretKey.JwtSecret));

        Assert.Equal($"secret 'jwt_secret' is empty; looked in: file {_secrets.PathOf("jwt_secret")} (empty)", error.Message);
        Assert.False(reader.TryGet(SecretKey.JwtSecret, out _));
    }

    [Fact]
    public void Resolve_SecretWatcher_SameOneTheReaderListensTo()
    {
        using var services = Services();
        var changed = new List<string>();
        services.GetRequiredService<SecretWatcher>().Changed += (_, e) => changed.AddRange(e.Names);

        _secrets.WriteAtomically("api_secret_key", "k");
        _time.Advance(PollingInterval);

        Assert.Equal(["api_secret_key"], changed);
    }

    [Fact]
    public void OptionsMonitor_BoundToSecretsSection_ReloadsWhenAFileChanges()
    {
        _secrets.Write("jwt_secret", "v1");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddR3mesSecrets(options =>
        {
            options.Directory = _secrets.Path;
            options.UseFileSystemWatcher = false;
            options.PollingInterval = PollingInterval;
            options.TimeProvider = _time;
            options.EnvironmentVariables = _environment.Read;
        });
        builder.Services.Configure<JwtOptions>(builder.Configuration.GetSection("Secrets"));
        using var host = builder.Build();
        var monitor = host.Services.GetRequiredService<IOptionsMonitor<JwtOptions>>();
        var heard = new List<string?>();
        using var subscription = monitor.OnChange(options => heard.Add(options.Jwt_Secret));
        Assert.Equal("v1", monitor.CurrentValue.Jwt_Secret);

        _secrets.WriteAtomically("jwt_secret", "v2");
        _time.Advance(PollingInterval);

        Assert.Equal("v2", monitor.CurrentValue.Jwt_Secret);
        Assert.Equal(["v2"], heard);
    }

    private ServiceProvider Services() => new ServiceCollection()
        .AddSingleton<TimeProvider>(_time)
        .AddR3mesSecrets(options =>
        {
            options.Directory = _secrets.Path;
            options.UseFileSystemWatcher = false;
            options.PollingInterval = PollingInterval;
            options.EnvironmentVariables = _environment.Read;
        })
        .BuildServiceProvider();

    /// <summary>Options as an app binds them from the <c>Secrets</c> section (file <c>jwt_secret</c>).</summary>
    public sealed class JwtOptions
    {
#pragma warning disable CA1707 // Named like the file, as the binder matches it.
        public string? Jwt_Secret { get; set; }
#pragma warning restore CA1707
    }
}
