using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using R3mes.Sidecar.Core.Tests.Output;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Output;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Core.Tests.Pipeline;

public sealed class SecretRefresherTests : IDisposable
{
    private static readonly DateTime LongAgo = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
    private readonly TempDirectory _dir = TempDirectory.Create();
    private readonly StatusBoard _board = new(TimeProvider.System);
    private readonly SidecarMetrics _metrics;
    private readonly FakeSecretSource _source = new();
    private readonly SecretSpec _postgres;
    private readonly SecretRefresher _refresher;

    public SecretRefresherTests()
    {
        _metrics = new SidecarMetrics(_board, TimeProvider.System);
        _postgres = Specs.Secret(_source, [Specs.Template("postgres_user", "{{ username }}"), Specs.Template("postgres_password", "{{ password }}")], name: "postgres");
        _refresher = new SecretRefresher(Specs.Plan(_dir.Path, _postgres), _board, _metrics, NullLogger<SecretRefresher>.Instance);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task RefreshAsync_First_AllFilesWrittenAndReported()
    {
        _source.SetFields(("username", "backend"), ("password", "pw1"));

        var result = await _refresher.RefreshAsync(_postgres, CancellationToken.None);

        Assert.Equal(["postgres_password", "postgres_user"], result.ChangedFiles);
        Assert.Equal("backend", File.ReadAllText(_dir.File("postgres_user")));
        Assert.Equal("pw1", File.ReadAllText(_dir.File("postgres_password")));
        Assert.True(Assert.Single(_board.Snapshot()).Rendered);
    }

    [Fact]
    public async Task RefreshAsync_SameValues_NothingReportedOrTouched()
    {
        _source.SetFields(("username", "backend"), ("password", "pw1"));
        await _refresher.RefreshAsync(_postgres, CancellationToken.None);
        File.SetLastWriteTimeUtc(_dir.File("postgres_password"), LongAgo);
        var before = FileStat.Of(_dir.File("postgres_password"));

        var result = await _refresher.RefreshAsync(_postgres, CancellationToken.None);

        Assert.Empty(result.ChangedFiles);
        Assert.Equal(before, FileStat.Of(_dir.File("postgres_password")));
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(_dir.File("postgres_password")));
    }

    [Fact]
    public async Task RefreshAsync_FirstRenderCreatesFiles_ReportedAsCreatedThenLaterChangesAreNot()
    {
        _source.SetFields(("username", "backend"), ("password", "pw1"));

        var first = await _refresher.RefreshAsync(_postgres, CancellationToken.None);
        _source.SetFields(("username", "backend"), ("password", "pw2"));
        var second = await _refresher.RefreshAsync(_postgres, CancellationToken.None);

        Assert.Equal(["postgres_password", "postgres_user"], first.CreatedFiles);
        Assert.Equal(["postgres_password"], second.ChangedFiles);
        Assert.Empty(second.CreatedFiles);
    }

    [Fact]
    public async Task RefreshAsync_FileExistedBeforeTheFirstWrite_AChangeNotACreation()
    {
        File.WriteAllText(_dir.File("postgres_password"), "pw-from-last-run");
        _source.SetFields(("username", "backend"), ("password", "pw1"));

        var first = await _refresher.RefreshAsync(_postgres, CancellationToken.None);

        Assert.Equal(["postgres_password", "postgres_user"], first.ChangedFiles);
        Assert.Equal(["postgres_user"], first.CreatedFiles);
    }

    [Fact]
    public async Task RefreshAsync_FileDeletedAfterTheFirstWrite_RewritingItIsAChange()
    {
        _source.SetFields(("username", "backend"), ("password", "pw1"));
        await _refresher.RefreshAsync(_postgres, CancellationToken.None);
        File.Delete(_dir.File("postgres_user"));

        var again = await _refresher.RefreshAsync(_postgres, CancellationToken.None);

        Assert.Equal(["postgres_user"], again.ChangedFiles);
        Assert.Empty(again.CreatedFiles);
    }

    [Fact]
    public async Task RefreshAsync_CreatedInAFailedPassThenChanged_ReportedAsAChange()
    {
        Directory.CreateDirectory(_dir.File("postgres_password"));
        _source.SetFields(("username", "backend"), ("password", "pw1"));
        await Assert.ThrowsAsync<OutputException>(() => _refresher.RefreshAsync(_postgres, CancellationToken.None));
        Directory.Delete(_dir.File("postgres_password"));
        _source.SetFields(("username", "backend2"), ("password", "pw1"));

        var result = await _refresher.RefreshAsync(_postgres, CancellationToken.None);

        Assert.Equal(["postgres_password", "postgres_user"], result.ChangedFiles);
        Assert.Equal(["postgres_password"], result.CreatedFiles);
    }

    [Fact]
    public async Task RefreshAsync_OneValueChanged_OnlyItsFileReported()
    {
        _source.SetFields(("username", "backend"), ("password", "pw1"));
        await _refresher.RefreshAsync(_postgres, CancellationToken.None);
        _source.SetFields(("username", "backend"), ("password", "pw2"));

        var result = await _refresher.RefreshAsync(_postgres, CancellationToken.None);

        Assert.Equal(["postgres_password"], result.ChangedFiles);
        Assert.Equal("pw2", File.ReadAllText(_dir.File("postgres_password")));
    }

    [Fact]
    public async Task RefreshAsync_SourceStartsFailing_FilesKeepLastGoodValue()
    {
        _source.SetFields(("username", "backend"), ("password", "pw1"));
        await _refresher.RefreshAsync(_postgres, CancellationToken.None);
        File.SetLastWriteTimeUtc(_dir.File("postgres_password"), LongAgo);
        var before = FileStat.Of(_dir.File("postgres_password"));
        _source.Failure = new SecretSourceException("fake: backend unreachable");

        var error = await Assert.ThrowsAsync<SecretSourceException>(() => _refresher.RefreshAsync(_postgres, CancellationToken.None));

        Assert.Equal("fake: backend unreachable", error.Message);
        Assert.Equal("pw1", File.ReadAllText(_dir.File("postgres_password")));
        Assert.Equal("backend", File.ReadAllText(_dir.File("postgres_user")));
        Assert.Equal(before, FileStat.Of(_dir.File("postgres_password")));
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(_dir.File("postgres_password")));
        Assert.Empty(_dir.HiddenEntries());
    }

    [Fact]
    public async Task RefreshAsync_OneFileCannotRender_NoFileWritten()
    {
        _source.SetFields(("username", "backend"), ("password", "pw1"));
        await _refresher.RefreshAsync(_postgres, CancellationToken.None);
        _source.SetFields(("username", "new-user"));

        await Assert.ThrowsAsync<SecretFormatException>(() => _refresher.RefreshAsync(_postgres, CancellationToken.None));

        Assert.Equal("backend", File.ReadAllText(_dir.File("postgres_user")));
        Assert.Equal("pw1", File.ReadAllText(_dir.File("postgres_password")));
    }

    [Fact]
    public async Task RefreshAsync_FirstRenderFails_DirectoryStaysEmpty()
    {
        _source.SetFields(("username", "backend"));

        await Assert.ThrowsAsync<SecretFormatException>(() => _refresher.RefreshAsync(_postgres, CancellationToken.None));

        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
        Assert.DoesNotContain(_board.Snapshot(), s => s.Rendered);
    }

    [Fact]
    public async Task RefreshAsync_OneFileCannotBeWritten_OthersWrittenAndReportedOnNextSuccess()
    {
        Directory.CreateDirectory(_dir.File("postgres_password"));
        _source.SetFields(("username", "backend"), ("password", "pw1"));

        var error = await Assert.ThrowsAsync<OutputException>(() => _refresher.RefreshAsync(_postgres, CancellationToken.None));

        Assert.Contains("postgres_password", error.Message, StringComparison.Ordinal);
        Assert.Equal("backend", File.ReadAllText(_dir.File("postgres_user")));
        Directory.Delete(_dir.File("postgres_password"));
        var retried = await _refresher.RefreshAsync(_postgres, CancellationToken.None);
        var settled = await _refresher.RefreshAsync(_postgres, CancellationToken.None);
        Assert.Equal(["postgres_password", "postgres_user"], retried.ChangedFiles);
        Assert.Empty(settled.ChangedFiles);
    }

    [Fact]
    public async Task RefreshAsync_UpdateNeverAndFileDiffers_KeptAndNotReported()
    {
        File.WriteAllText(_dir.File("validator_key"), "original");
        var secret = Specs.Secret(_source, [Specs.Field("validator_key", null)], update: UpdatePolicy.Never, name: "validator");
        _source.Data = new SecretData(SecretValue.FromUtf8("rotated"), null, Freshness.Unknown);

        var result = await _refresher.RefreshAsync(secret, CancellationToken.None);

        Assert.Empty(result.ChangedFiles);
        Assert.Equal("original", File.ReadAllText(_dir.File("validator_key")));
    }

    [Fact]
    public async Task RefreshAsync_Success_ReturnsSourceFreshness()
    {
        var freshness = new Freshness { Version = "v7", RefreshAfter = TimeSpan.FromMinutes(3) };
        _source.Data = new SecretData(null, new Dictionary<string, SecretValue> { ["username"] = SecretValue.FromUtf8("u"), ["password"] = SecretValue.FromUtf8("p") }, freshness);

        var result = await _refresher.RefreshAsync(_postgres, CancellationToken.None);

        Assert.Same(freshness, result.Freshness);
    }

    [Theory]
    [InlineData("unreachable", false)]
    [InlineData("denied", true)]
    public async Task RefreshAsync_FetchFails_BackendErrorCountedByReasonAndDownOnlyWhenUnreachable(string reason, bool up)
    {
        var errors = new ConcurrentQueue<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument, _metrics.BackendErrors))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            errors.Enqueue(string.Join(',', tags.ToArray().OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}")) + $"x{value}"));
        listener.Start();
        _board.Track(_postgres);
        _source.Failure = reason == "unreachable"
            ? new HttpRequestException("Connection refused (127.0.0.1:1)")
            : new HttpRequestException("Forbidden", null, System.Net.HttpStatusCode.Forbidden);

        await Assert.ThrowsAsync<HttpRequestException>(() => _refresher.RefreshAsync(_postgres, CancellationToken.None));

        Assert.Equal([$"backend=fake,reason={reason}x1"], errors);
        Assert.Equal(up, Assert.Single(_board.Backends()).Up);
        _source.Failure = null;
        _source.SetFields(("username", "backend"), ("password", "pw1"));
        await _refresher.RefreshAsync(_postgres, CancellationToken.None);
        Assert.True(Assert.Single(_board.Backends()).Up);
    }

    [Fact]
    public async Task RefreshAsync_Writes_CountedByOutcome()
    {
        var outcomes = new ConcurrentQueue<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument, _metrics.FileWrites))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            outcomes.Enqueue($"{tags.ToArray().Single(t => t.Key == "outcome").Value}x{value}"));
        listener.Start();
        _source.SetFields(("username", "backend"), ("password", "pw1"));

        await _refresher.RefreshAsync(_postgres, CancellationToken.None);
        await _refresher.RefreshAsync(_postgres, CancellationToken.None);

        Assert.Equal(["writtenx1", "writtenx1", "unchangedx1", "unchangedx1"], outcomes);
    }
}
