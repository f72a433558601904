using R3mes.Sidecar.Vault.Tests.Support;

namespace R3mes.Sidecar.Vault.Tests.Pki;

/// <summary>
/// Issue 9 item 1, on a fake clock: Vault back-dates NotBefore by 30 s, so a 20 s certificate spans 50 s from
/// NotBefore to NotAfter. The next issue is due at renew_at (2/3 ± 0.05) of the 20 s after it was issued —
/// 12.33 s … 14.33 s — not at 2/3 of the 50 s (3.3 s after issue), both when issued and when reused from state_dir.
/// </summary>
public sealed class PkiScheduleTests : IDisposable
{
    private readonly PkiRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Theory]
    [InlineData(0.0, -0.05)]     // jitter at its low bound: (2/3 - 0.05) x 20 s = 12.33 s
    [InlineData(0.5, 0.0)]       // no jitter: 2/3 x 20 s = 13.33 s
    [InlineData(1.0, 0.05)]      // jitter at its high bound: (2/3 + 0.05) x 20 s = 14.33 s
    public async Task A_20s_certificate_back_dated_30s_is_reissued_at_renew_at_of_the_life_after_issue(double jitter, double offset)
    {
        var dueSeconds = ((2.0 / 3) + offset) * 20;
        var source = _rig.Source(jitter: jitter);

        var first = await source.FetchAsync(CancellationToken.None);

        Assert.Single(_rig.Vault.Issued);
        Assert.Equal(dueSeconds, first.Freshness.RefreshAfter!.Value.TotalSeconds, 0.01);
        Assert.Equal(PkiRig.Start.AddSeconds(20), first.Freshness.ExpiresAt);

        _rig.Time.Advance(TimeSpan.FromSeconds(dueSeconds - 0.1));
        var early = await source.FetchAsync(CancellationToken.None);
        Assert.Single(_rig.Vault.Issued);
        Assert.Equal(first.Freshness.Version, early.Freshness.Version);

        _rig.Time.Advance(TimeSpan.FromSeconds(0.1));
        var due = await source.FetchAsync(CancellationToken.None);
        Assert.Equal(2, _rig.Vault.Issued.Count);
        Assert.NotEqual(first.Freshness.Version, due.Freshness.Version);

        // The same schedule again (NotAfter is whole seconds in X.509, so up to 1 s of life shorter here).
        Assert.InRange(due.Freshness.RefreshAfter!.Value.TotalSeconds, dueSeconds * 19 / 20, dueSeconds);
    }

    [Fact]
    public async Task A_kept_certificate_is_scheduled_from_when_it_was_issued_not_from_its_back_dated_NotBefore()
    {
        var issued = await PkiRig.FetchWrittenAsync(_rig.Source());
        _rig.Time.Advance(TimeSpan.FromSeconds(10));

        var restarted = await _rig.Source().FetchAsync(CancellationToken.None);

        Assert.Single(_rig.Vault.Issued);
        Assert.Equal(issued.Fields["certificate"], restarted.Fields["certificate"]);
        Assert.Equal((20 * 2.0 / 3) - 10, restarted.Freshness.RefreshAfter!.Value.TotalSeconds, 0.01);
    }

    [Fact]
    public async Task A_kept_certificate_past_its_reissue_point_is_not_reused()
    {
        await PkiRig.FetchWrittenAsync(_rig.Source());
        _rig.Time.Advance(TimeSpan.FromSeconds(14));

        var restarted = await _rig.Source().FetchAsync(CancellationToken.None);

        Assert.Equal(2, _rig.Vault.Issued.Count);
        Assert.Equal(20 * 2.0 / 3, restarted.Freshness.RefreshAfter!.Value.TotalSeconds, 0.01);
    }
}
