using Microsoft.Extensions.Time.Testing;
using R3mes.Secrets.Tests.TestSupport;
using R3mes.Secrets.Watching;

namespace R3mes.Secrets.Tests.Watching;

public sealed class SecretWatcherTests : IDisposable
{
    private static readonly TimeSpan PollingInterval = TimeSpan.FromSeconds(5);

    private readonly TempSecretDirectory _secrets = new();
    private readonly FakeTimeProvider _time = new();
    private readonly List<IReadOnlyList<string>> _changes = [];

    public void Dispose() => _secrets.Dispose();

    [Fact]
    public async Task Changed_FileRenamedOver_NamesTheFile()
    {
        _secrets.Write("postgres_password", "old");
        _secrets.Write("jwt_secret", "unchanged");
        using var watcher = new SecretWatcher(new SecretWatcherOptions
        {
            Directory = _secrets.Path,
            PollingInterval = Timeout.InfiniteTimeSpan,
        });
        var changed = new TaskCompletionSource<SecretsChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.Changed += (_, e) => changed.TrySetResult(e);

        _secrets.WriteAtomically("postgres_password", "new");

        var args = await changed.Task.WaitAsync(Deadline.Default);
        Assert.Equal(["postgres_password"], args.Names);
        Assert.True(args.Contains(SecretKey.PostgresPassword));
        Assert.False(args.Contains(SecretKey.PostgresUser));
    }

    [Fact]
    public async Task Changed_KubernetesDataSwap_NamesTheFile()
    {
        var files = new Dictionary<string, string> { ["ssl_certificate"] = "cert-1" };
        KubernetesSecretVolume.Publish(_secrets, "2025_01_01_a", files);
        using var watcher = new SecretWatcher(new SecretWatcherOptions
        {
            Directory = _secrets.Path,
            PollingInterval = Timeout.InfiniteTimeSpan,
        });
        var changed = new TaskCompletionSource<SecretsChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.Changed += (_, e) => changed.TrySetResult(e);

        files["ssl_certificate"] = "cert-2";
        KubernetesSecretVolume.Publish(_secrets, "2025_01_01_b", files);

        var args = await changed.Task.WaitAsync(Deadline.Default);
        Assert.Equal(["ssl_certificate"], args.Names);
    }

    [Fact]
    public void Changed_UserAndPasswordReplacedTogether_ReportedInOneEvent()
    {
        _secrets.Write("postgres_user", "u1");
        _secrets.Write("postgres_password", "p1");
        using var watcher = Watch(useFileSystemWatcher: true, polling: Timeout.InfiniteTimeSpan);

        _secrets.WriteAtomically("postgres_user", "u2");
        _secrets.WriteAtomically("postgres_password", "p2");
        // File system events start the quiet period on the fake clock; step it until the rescan reports.
        var reported = SpinWait.SpinUntil(
            () =>
            {
                _time.Advance(TimeSpan.FromMilliseconds(100));
                return Changes().Count > 0;
            },
            Deadline.Default);

        Assert.True(reported);
        Assert.Equal([["postgres_password", "postgres_user"]], Changes());
    }

    [Fact]
    public void Changed_NoFileSystemEvents_PollingReportsAtInterval()
    {
        _secrets.Write("jwt_secret", "old");
        using var watcher = Watch();

        _secrets.WriteAtomically("jwt_secret", "new");
        _time.Advance(PollingInterval - TimeSpan.FromSeconds(1));
        Assert.Empty(Changes());
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal([["jwt_secret"]], Changes());
    }

    [Fact]
    public void Changed_SameBytesRewritten_NotRaised()
    {
        _secrets.Write("jwt_secret", "same");
        using var watcher = Watch();

        _secrets.WriteAtomically("jwt_secret", "same");
        _time.Advance(PollingInterval);
        Assert.Empty(Changes());

        _secrets.WriteAtomically("jwt_secret", "different");
        _time.Advance(PollingInterval);
        Assert.Equal([["jwt_secret"]], Changes());
    }

    [Fact]
    public void Changed_HiddenTempFilesAndDirectories_Ignored()
    {
        using var watcher = Watch();

        _secrets.Write(".jwt_secret.tmp-4f2a", "partial");
        Directory.CreateDirectory(_secrets.PathOf("..2025_01_01"));
        File.WriteAllText(Path.Join(_secrets.PathOf("..2025_01_01"), "jwt_secret"), "x");
        File.CreateSymbolicLink(_secrets.PathOf("..data"), "..2025_01_01");
        Directory.CreateDirectory(_secrets.PathOf("nested"));
        File.CreateSymbolicLink(_secrets.PathOf("linked_dir"), "nested");
        _time.Advance(PollingInterval);
        Assert.Empty(Changes());

        _secrets.WriteAtomically("jwt_secret", "value");
        _time.Advance(PollingInterval);
        Assert.Equal([["jwt_secret"]], Changes());
    }

    [Fact]
    public void Changed_FileDeletedAndAdded_NamesBoth()
    {
        _secrets.Write("api_secret_key", "a");
        using var watcher = Watch();

        File.Delete(_secrets.PathOf("api_secret_key"));
        _secrets.WriteAtomically("redis_password", "r");
        _time.Advance(PollingInterval);

        Assert.Equal([["api_secret_key", "redis_password"]], Changes());
    }

    [Fact]
    public void Changed_DirectoryCreatedAfterStart_ReportsItsFiles()
    {
        var later = Path.Join(_secrets.Path, "later");
        using var watcher = new SecretWatcher(new SecretWatcherOptions
        {
            Directory = later,
            PollingInterval = PollingInterval,
            TimeProvider = _time,
        });
        watcher.Changed += (_, e) => Record(e);

        Directory.CreateDirectory(later);
        File.WriteAllText(Path.Join(later, "node_key"), "{}");
        _time.Advance(PollingInterval);

        Assert.Equal([["node_key"]], Changes());
    }

    [Fact]
    public void GetChangeToken_AfterChange_FiresAndIsReplaced()
    {
        using var watcher = Watch();
        var token = watcher.GetChangeToken();
        var callbacks = 0;
        using var registration = token.RegisterChangeCallback(_ => Interlocked.Increment(ref callbacks), null);

        _secrets.WriteAtomically("jwt_secret", "v");
        _time.Advance(PollingInterval);

        Assert.True(token.HasChanged);
        Assert.Equal(1, callbacks);
        Assert.False(watcher.GetChangeToken().HasChanged);
    }

    [Fact]
    public void Changed_HandlerThrows_LaterChangesStillReported()
    {
        using var watcher = Watch();
        watcher.Changed += (_, _) => throw new InvalidOperationException("handler bug");

        _secrets.WriteAtomically("jwt_secret", "1");
        _time.Advance(PollingInterval);
        _secrets.WriteAtomically("jwt_secret", "2");
        _time.Advance(PollingInterval);

        Assert.Equal([["jwt_secret"], ["jwt_secret"]], Changes());
    }

    [Fact]
    public void Dispose_ThenChange_NotReported()
    {
        var watcher = Watch();
        watcher.Dispose();

        _secrets.WriteAtomically("jwt_secret", "v");
        _time.Advance(PollingInterval);

        Assert.Empty(Changes());
    }

    [Fact]
    public void Constructor_InvalidPollingInterval_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new SecretWatcher(new SecretWatcherOptions { Directory = _secrets.Path, PollingInterval = TimeSpan.Zero }));
    }

    private SecretWatcher Watch(bool useFileSystemWatcher = false, TimeSpan? polling = null)
    {
        var watcher = new SecretWatcher(new SecretWatcherOptions
        {
            Directory = _secrets.Path,
            PollingInterval = polling ?? PollingInterval,
            UseFileSystemWatcher = useFileSystemWatcher,
            TimeProvider = _time,
        });
        watcher.Changed += (_, e) => Record(e);
        return watcher;
    }

    private void Record(SecretsChangedEventArgs e)
    {
        lock (_changes)
            _changes.Add(e.Names);
    }

    private List<IReadOnlyList<string>> Changes()
    {
        lock (_changes)
            return [.. _changes];
    }
}
