using System.Runtime.Versioning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using R3mes.Secrets.Configuration;
using R3mes.Secrets.Tests.TestSupport;

namespace R3mes.Secrets.Tests.Configuration;

public sealed class SecretsConfigurationProviderTests : IDisposable
{
    private static readonly TimeSpan PollingInterval = TimeSpan.FromSeconds(5);

    private readonly TempSecretDirectory _secrets = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _secrets.Dispose();

    [Fact]
    public void Build_SecretFiles_ExposedUnderSecretsPrefixWithNewlineTrimmed()
    {
        _secrets.Write("jwt_secret", "jwt\n");
        _secrets.Write("postgres_password", "pw");

        using var config = Build();

        Assert.Equal(
            [new("Secrets:jwt_secret", "jwt"), new("Secrets:postgres_password", "pw")],
            Entries(config));
        Assert.Equal("jwt", config["secrets:JWT_SECRET"]);
    }

    [Fact]
    public void Build_EmptyPrefix_KeysAtRoot()
    {
        _secrets.Write("jwt_secret", "jwt");

        using var config = Build(options => options.KeyPrefix = "");

        Assert.Equal("jwt", config["jwt_secret"]);
    }

    [Fact]
    public void Build_HiddenTempBinaryAndDirectoryEntries_Skipped()
    {
        _secrets.Write("jwt_secret", "jwt");
        _secrets.Write(".jwt_secret.tmp-91ab", "partial");
        File.WriteAllBytes(_secrets.PathOf("node_key"), [0xFF, 0xFE]);
        Directory.CreateDirectory(_secrets.PathOf("nested"));
        File.WriteAllText(Path.Join(_secrets.PathOf("nested"), "inner"), "x");
        File.CreateSymbolicLink(_secrets.PathOf("linked_dir"), "nested");

        using var config = Build();

        Assert.Equal([new("Secrets:jwt_secret", "jwt")], Entries(config));
    }

    [NotRootFact]
    [UnsupportedOSPlatform("windows")]
    public void Build_FileOfAnotherUser_SkippedOthersLoaded()
    {
        _secrets.Write("jwt_secret", "jwt");
        _secrets.Write("validator_key", "{}");
        File.SetUnixFileMode(_secrets.PathOf("validator_key"), UnixFileMode.None);

        using var config = Build();

        Assert.Equal([new("Secrets:jwt_secret", "jwt")], Entries(config));
    }

    [Fact]
    public void Build_KubernetesVolume_FollowsFileLinksAndSkipsDataEntries()
    {
        KubernetesSecretVolume.Publish(_secrets, "2025_01_01_a", new Dictionary<string, string> { ["jwt_secret"] = "v1" });

        using var config = Build();

        Assert.Equal([new("Secrets:jwt_secret", "v1")], Entries(config));
    }

    [Fact]
    public void Build_MissingRequiredDirectory_ThrowsWithFix()
    {
        var missing = Path.Join(_secrets.Path, "missing");

        var error = Assert.Throws<DirectoryNotFoundException>(() => Build(options =>
        {
            options.Directory = missing;
            options.Optional = false;
        }));

        Assert.Contains($"'{missing}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Optional = true", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_MissingOptionalDirectory_NoKeysUntilItAppears()
    {
        var later = Path.Join(_secrets.Path, "later");
        using var config = Build(options =>
        {
            options.Directory = later;
            options.Optional = true;
        });
        Assert.Empty(Entries(config));

        Directory.CreateDirectory(later);
        File.WriteAllText(Path.Join(later, "jwt_secret"), "jwt");
        _time.Advance(PollingInterval);

        Assert.Equal("jwt", config["Secrets:jwt_secret"]);
    }

    [Fact]
    public void Build_DirectoryFromVariable_IsUsed()
    {
        _secrets.Write("jwt_secret", "jwt");

        using var config = (ConfigurationRoot)new ConfigurationBuilder()
            .AddR3mesSecrets(options => options.EnvironmentVariables =
                name => name == "R3MES_SECRETS_DIR" ? _secrets.Path : null)
            .Build();

        Assert.Equal("jwt", config["Secrets:jwt_secret"]);
    }

    [Fact]
    public async Task Reload_FileRenamedOver_UpdatesValueAndFiresReloadToken()
    {
        _secrets.Write("jwt_secret", "old");
        using var config = (ConfigurationRoot)new ConfigurationBuilder()
            .AddR3mesSecrets(options =>
            {
                options.Directory = _secrets.Path;
                options.PollingInterval = Timeout.InfiniteTimeSpan;
            })
            .Build();
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        config.GetReloadToken().RegisterChangeCallback(_ => reloaded.TrySetResult(), null);

        _secrets.WriteAtomically("jwt_secret", "new");

        await reloaded.Task.WaitAsync(Deadline.Default);
        Assert.Equal("new", config["Secrets:jwt_secret"]);
    }

    [Fact]
    public void Reload_Polling_UpdatesValue()
    {
        _secrets.Write("jwt_secret", "old");
        using var config = Build();

        _secrets.WriteAtomically("jwt_secret", "new");
        _time.Advance(PollingInterval);

        Assert.Equal("new", config["Secrets:jwt_secret"]);
    }

    [Fact]
    public void Reload_ValueUnchanged_ReloadTokenNotFired()
    {
        _secrets.Write("jwt_secret", "same");
        using var config = Build();
        var token = config.GetReloadToken();

        _secrets.WriteAtomically("jwt_secret", "same");
        _secrets.WriteAtomically("jwt_secret", "same\n");
        _time.Advance(PollingInterval);
        Assert.False(token.HasChanged);

        _secrets.WriteAtomically("jwt_secret", "other");
        _time.Advance(PollingInterval);
        Assert.True(token.HasChanged);
    }

    [Fact]
    public void Reload_KubernetesDataSwap_UpdatesValue()
    {
        var files = new Dictionary<string, string> { ["jwt_secret"] = "v1" };
        KubernetesSecretVolume.Publish(_secrets, "2025_01_01_a", files);
        using var config = Build();

        files["jwt_secret"] = "v2";
        KubernetesSecretVolume.Publish(_secrets, "2025_01_01_b", files);
        _time.Advance(PollingInterval);

        Assert.Equal("v2", config["Secrets:jwt_secret"]);
    }

    [Fact]
    public void Reload_FileDeleted_RemovesKey()
    {
        _secrets.Write("jwt_secret", "jwt");
        _secrets.Write("api_secret_key", "api");
        using var config = Build();

        File.Delete(_secrets.PathOf("jwt_secret"));
        _time.Advance(PollingInterval);

        Assert.Equal([new("Secrets:api_secret_key", "api")], Entries(config));
    }

    [Fact]
    public void Reload_DirectoryRemoved_KeepsLastValues()
    {
        var inner = Path.Join(_secrets.Path, "inner");
        Directory.CreateDirectory(inner);
        File.WriteAllText(Path.Join(inner, "jwt_secret"), "jwt");
        using var config = Build(options => options.Directory = inner);
        var token = config.GetReloadToken();

        Directory.Delete(inner, recursive: true);
        _time.Advance(PollingInterval);

        Assert.False(token.HasChanged);
        Assert.Equal("jwt", config["Secrets:jwt_secret"]);
    }

    [Fact]
    public void Dispose_ThenChange_NoReload()
    {
        _secrets.Write("jwt_secret", "old");
        var config = Build();
        var token = config.GetReloadToken();
        config.Dispose();

        _secrets.WriteAtomically("jwt_secret", "new");
        _time.Advance(PollingInterval);

        Assert.False(token.HasChanged);
    }

    [Fact]
    public void AddR3mesSecrets_NegativePollingInterval_Throws()
    {
        var builder = new ConfigurationBuilder();

        Assert.Throws<ArgumentOutOfRangeException>(
            () => builder.AddR3mesSecrets(options => options.PollingInterval = TimeSpan.FromSeconds(-1)));
    }

    private ConfigurationRoot Build(Action<SecretsConfigurationOptions>? configure = null) =>
        (ConfigurationRoot)new ConfigurationBuilder()
            .AddR3mesSecrets(options =>
            {
                options.Directory = _secrets.Path;
                options.PollingInterval = PollingInterval;
                options.UseFileSystemWatcher = false;
                options.TimeProvider = _time;
                options.EnvironmentVariables = static _ => null;
                configure?.Invoke(options);
            })
            .Build();

    private static KeyValuePair<string, string?>[] Entries(IConfiguration config) =>
        [.. config.AsEnumerable().Where(entry => entry.Value is not null).OrderBy(entry => entry.Key, StringComparer.Ordinal)];
}
