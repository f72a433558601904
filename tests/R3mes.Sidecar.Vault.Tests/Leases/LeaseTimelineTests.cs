using R3mes.Sidecar.Vault.Leases;

namespace R3mes.Sidecar.Vault.Tests.Leases;

/// <summary>The lease timing rules of CONTRACT §6 and Vault's api/lifetime_watcher.go, on explicit instants.</summary>
public sealed class LeaseTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void First_renewal_comes_at_two_thirds_of_the_ttl_plus_a_third_of_a_10_to_20_percent_grace()
    {
        for (var seed = 0; seed < 200; seed++)
        {
            var timeline = new LeaseTimeline(T0, TimeSpan.FromSeconds(60), renewable: true, 0.85, new Random(seed));
            var after = (timeline.NextRenewal!.Value - T0).TotalSeconds;
            Assert.InRange(after, 40 + 2, 40 + 4);
        }
    }

    [Fact]
    public void A_renewable_lease_that_keeps_extending_is_never_rotated_unless_its_token_ends()
    {
        var timeline = new LeaseTimeline(T0, TimeSpan.FromSeconds(60), renewable: true, 0.85, new Random(1));
        timeline.Renewed(TimeSpan.FromSeconds(60), renewable: true, T0.AddSeconds(42));

        Assert.Null(timeline.RotateAt(tokenDeadline: null));
        Assert.False(timeline.Capped);
        Assert.InRange((timeline.NextRenewal!.Value - T0.AddSeconds(42)).TotalSeconds, 42, 44);
    }

    [Fact]
    public void A_renewal_granting_less_than_asked_is_the_max_ttl_and_fixes_the_rotation_point()
    {
        var timeline = new LeaseTimeline(T0, TimeSpan.FromSeconds(4), renewable: true, 0.85, new Random(2));
        timeline.Renewed(TimeSpan.FromSeconds(4), renewable: true, T0.AddSeconds(3));
        timeline.Renewed(TimeSpan.FromSeconds(6), renewable: true, T0.AddSeconds(6));
        Assert.False(timeline.Capped);

        timeline.Renewed(TimeSpan.FromSeconds(2), renewable: true, T0.AddSeconds(10));

        Assert.True(timeline.Capped);
        Assert.Null(timeline.NextRenewal);
        Assert.Equal(T0.AddSeconds(12), timeline.ExpiresAt);
        Assert.Equal(12 * 0.85, (timeline.RotateAt(tokenDeadline: null)!.Value - T0).TotalSeconds, 3);
    }

    [Fact]
    public void The_parent_tokens_end_caps_the_lease_deadline_and_moves_the_rotation_earlier()
    {
        var timeline = new LeaseTimeline(T0, TimeSpan.FromSeconds(30), renewable: true, 0.85, new Random(3));
        var tokenEnd = T0.AddSeconds(10);

        Assert.Equal(T0.AddSeconds(8.5), timeline.RotateAt(tokenEnd));
        Assert.Equal(tokenEnd, timeline.Deadline(tokenEnd));
        Assert.Equal(T0.AddSeconds(30), timeline.Deadline(T0.AddSeconds(45)));
        Assert.Equal(T0.AddSeconds(255), timeline.RotateAt(T0.AddSeconds(300)));
    }

    [Fact]
    public void A_non_renewable_lease_is_replaced_at_its_fraction_and_never_renewed()
    {
        var timeline = new LeaseTimeline(T0, TimeSpan.FromSeconds(100), renewable: false, 0.90, new Random(4));

        Assert.Null(timeline.NextRenewal);
        Assert.Equal(T0.AddSeconds(90), timeline.RotateAt(tokenDeadline: null));
    }

    [Fact]
    public void Failed_renewals_retry_well_before_expiry_and_count_the_current_expiry_as_final()
    {
        var timeline = new LeaseTimeline(T0, TimeSpan.FromSeconds(40), renewable: true, 0.85, new Random(5));
        var now = T0.AddSeconds(28);
        for (var i = 0; i < 5; i++)
        {
            timeline.RenewFailed(now);
            var retry = timeline.NextRenewal!.Value;
            Assert.True(retry - now <= (timeline.ExpiresAt - now) / 4 + TimeSpan.FromMilliseconds(1), $"retry {i} too late");
            now = retry;
        }

        Assert.Equal(T0 + TimeSpan.FromSeconds(40 * 0.85), timeline.RotateAt(tokenDeadline: null));
        timeline.Renewed(TimeSpan.FromSeconds(40), renewable: true, now);
        Assert.Null(timeline.RotateAt(tokenDeadline: null));
    }

    // The lease soak's "query failed: 42704" (role does not exist): with 3 s leases, a 9 s max TTL and a 2 s
    // revoke_grace the replacement was written 0.8–1.9 s before Vault's own end of the old lease, so Vault dropped the
    // role before the grace was over — and before the app had switched whenever it was slow, or the cap was learned late.

    [Fact]
    public void Soak_42704_a_2s_grant_asked_for_3s_is_the_max_ttl_and_rotates_at_once()
    {
        var timeline = new LeaseTimeline(T0, TimeSpan.FromSeconds(3), renewable: true, 0.85, new Random(7), revokeGrace: TimeSpan.FromSeconds(2));
        timeline.Renewed(TimeSpan.FromSeconds(3), renewable: true, T0.AddSeconds(2.1));
        timeline.Renewed(TimeSpan.FromSeconds(3), renewable: true, T0.AddSeconds(4.3));
        Assert.False(timeline.Capped);

        var now = T0.AddSeconds(6.45);
        timeline.Renewed(TimeSpan.FromSeconds(2), renewable: true, now);

        Assert.True(timeline.Capped);
        Assert.Null(timeline.NextRenewal);
        // Due now: written now, the old lease still has its whole grace before it ends (at now + 2 s at the latest).
        Assert.Equal(now, timeline.RotateAt(tokenDeadline: null));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Soak_42704_the_replacement_is_due_revoke_grace_before_the_final_deadline(bool renewable)
    {
        var timeline = new LeaseTimeline(T0, TimeSpan.FromSeconds(9), renewable, 0.85, new Random(8), revokeGrace: TimeSpan.FromSeconds(2));
        if (renewable)
        {
            timeline.Renewed(TimeSpan.FromSeconds(3), renewable: true, T0.AddSeconds(6));
        }

        // 0.85 of 9 s is 7.65 s, leaving 1.35 s of a 2 s grace: the rotation moves to 7 s.
        Assert.Equal(T0.AddSeconds(7), timeline.RotateAt(tokenDeadline: null));
        // The parent token's end is a final deadline too.
        Assert.Equal(T0.AddSeconds(6), timeline.RotateAt(tokenDeadline: T0.AddSeconds(8)));
    }

    [Fact]
    public void The_revoke_grace_never_moves_a_rotation_later_nor_before_half_the_lifetime()
    {
        var grace = TimeSpan.FromSeconds(60);
        Assert.Equal(T0.AddSeconds(85), new LeaseTimeline(T0, TimeSpan.FromSeconds(100), false, 0.85, new Random(9), revokeGrace: TimeSpan.FromSeconds(2)).RotateAt(null));
        Assert.Equal(T0.AddSeconds(30), new LeaseTimeline(T0, TimeSpan.FromSeconds(100), false, 0.30, new Random(9), revokeGrace: grace).RotateAt(null));
        Assert.Equal(T0.AddSeconds(70), new LeaseTimeline(T0, TimeSpan.FromSeconds(100), false, 0.85, new Random(9), revokeGrace: TimeSpan.FromSeconds(30)).RotateAt(null));
        // Shorter than twice the grace: at half its life, not the moment it is issued (that would fetch without end).
        Assert.Equal(T0.AddSeconds(15), new LeaseTimeline(T0, TimeSpan.FromSeconds(30), false, 0.85, new Random(9), revokeGrace: grace).RotateAt(null));
    }

    [Fact]
    public void Failing_renewals_rotate_at_the_fraction_whatever_the_grace_the_expiry_is_not_final_yet()
    {
        var timeline = new LeaseTimeline(T0, TimeSpan.FromSeconds(16), renewable: true, 0.95, new Random(10), revokeGrace: TimeSpan.FromSeconds(60));
        timeline.Renewed(TimeSpan.FromSeconds(16), renewable: true, T0.AddSeconds(11));
        timeline.RenewFailed(T0.AddSeconds(22));

        Assert.Equal(11 + (16 * 0.95), (timeline.RotateAt(tokenDeadline: null)!.Value - T0).TotalSeconds, 3);
    }

    // A path's max TTL, learned from its first capped lease: the next leases are planned on it from the start.

    [Fact]
    public void A_known_max_ttl_puts_the_rotation_at_its_fraction_of_that_lifetime_before_any_renewal_is_capped()
    {
        var timeline = new LeaseTimeline(T0, TimeSpan.FromHours(1), renewable: true, 0.85, new Random(11), revokeGrace: TimeSpan.FromSeconds(60), expectedLifetime: TimeSpan.FromHours(24));

        Assert.Equal(T0.AddHours(24), timeline.ExpectedEnd);
        Assert.Equal(T0 + (TimeSpan.FromHours(24) * 0.85), timeline.RotateAt(tokenDeadline: null));
        Assert.False(timeline.Renewed(TimeSpan.FromHours(1), renewable: true, T0.AddMinutes(42)));
        Assert.Equal(T0 + (TimeSpan.FromHours(24) * 0.85), timeline.RotateAt(tokenDeadline: null));

        // The token's end, when earlier, still decides; so does the real cap when it comes first (a lowered max TTL).
        Assert.Equal(T0 + (TimeSpan.FromHours(10) * 0.85), timeline.RotateAt(tokenDeadline: T0.AddHours(10)));
        Assert.True(timeline.Renewed(TimeSpan.FromMinutes(18), renewable: true, T0.AddHours(11.7)));
        Assert.Equal(12 * 0.85, (timeline.RotateAt(tokenDeadline: null)!.Value - T0).TotalHours, 6);
        Assert.False(timeline.Renewed(TimeSpan.FromMinutes(1), renewable: true, T0.AddHours(11.9)), "only the first cut is reported");
    }

    [Fact]
    public void A_capped_lease_tells_its_lifetime_unless_the_cut_came_at_its_parent_tokens_end()
    {
        var timeline = new LeaseTimeline(T0, TimeSpan.FromSeconds(60), renewable: true, 0.85, new Random(14));
        Assert.Null(timeline.CappedLifetime(tokenDeadline: null));

        Assert.True(timeline.Renewed(TimeSpan.FromSeconds(50), renewable: true, T0.AddSeconds(42)));

        Assert.Equal(TimeSpan.FromSeconds(92), timeline.CappedLifetime(tokenDeadline: null));
        Assert.Equal(TimeSpan.FromSeconds(92), timeline.CappedLifetime(tokenDeadline: T0.AddSeconds(300)));
        Assert.Null(timeline.CappedLifetime(tokenDeadline: T0.AddSeconds(92.5)));
    }

    [Fact]
    public void An_expected_lifetime_shorter_than_the_leases_own_ttl_is_no_max_ttl_and_is_ignored()
    {
        var timeline = new LeaseTimeline(T0, TimeSpan.FromHours(1), renewable: true, 0.85, new Random(12), expectedLifetime: TimeSpan.FromMinutes(30));

        Assert.Null(timeline.ExpectedEnd);
        Assert.Null(timeline.RotateAt(tokenDeadline: null));
    }

    [Fact]
    public void While_renewals_fail_the_current_expiry_decides_not_the_known_max_ttl()
    {
        var timeline = new LeaseTimeline(T0, TimeSpan.FromSeconds(60), renewable: true, 0.85, new Random(13), expectedLifetime: TimeSpan.FromSeconds(600));
        timeline.RenewFailed(T0.AddSeconds(42));

        Assert.Equal(T0 + (TimeSpan.FromSeconds(60) * 0.85), timeline.RotateAt(tokenDeadline: null));
    }

    [Theory]
    [InlineData(true, null, 0.80, 0.90)]
    [InlineData(false, null, 0.85, 0.95)]
    [InlineData(true, 0.5, 0.45, 0.55)]
    public void Rotation_fractions_carry_at_most_five_points_of_jitter_and_spread(bool renewable, double? rotateAt, double low, double high)
    {
        var policy = new LeasePolicy(rotateAt, LeasePolicy.DefaultRevokeGrace);
        var random = new Random(6);
        var draws = Enumerable.Range(0, 2000).Select(_ => policy.DrawRotateFraction(renewable, random)).ToArray();

        Assert.All(draws, d => Assert.InRange(d, low, high));
        Assert.True(draws.Max() - draws.Min() > 0.08, "the draws do not spread: 10,000 leases would rotate in one burst");
    }
}
