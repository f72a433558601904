using System.Diagnostics;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;

namespace R3mes.Sidecar.Fuzz.Tests.Harness;

/// <summary>
/// The property every target must hold, checked by FsCheck over generated <see cref="FuzzCase"/>s: any input gives
/// a valid result or a typed refusal whose message holds no planted secret; never another exception, never a hang.
/// A failure names the run's seed and the case, so <c>R3MES_FUZZ_SEED=N</c> replays it.
/// </summary>
internal static class FuzzProperty
{
    public static FuzzTally Check(IFuzzTarget target, int ciCases)
    {
        var cases = FuzzBudget.Cases(ciCases);
        var seed = FuzzBudget.Seed;
        var tally = new FuzzTally(target.Name);
        var generator =
            from seedIndex in Gen.Choose(0, Math.Max(0, target.Seeds.Count - 1))
            from mutation in Gen.Choose(0, int.MaxValue - 1)
            from kind in Gen.Choose(0, 19)
            select new FuzzCase(seedIndex, mutation, kind == 0);
        var property = Prop.ForAll(Arb.From(generator), c => Hold(target, c, tally));
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(cases)
            .WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL | 1), FSharpOption<int>.None)));
        var clock = Stopwatch.StartNew();
        try
        {
            FsCheck.Check.One(config, property);
        }
        catch (Exception e)
        {
            tally.Crashes++;
            Report(tally, clock.Elapsed, seed);
            throw new Xunit.Sdk.XunitException(
                $"fuzz target {target.Name} failed (run seed {seed}; reproduce with R3MES_FUZZ_SEED={seed}): {e.Message}");
        }

        Report(tally, clock.Elapsed, seed);
        return tally;
    }

    private static void Hold(IFuzzTarget target, FuzzCase fuzzCase, FuzzTally tally)
    {
        var input = fuzzCase.Build(target);
        var run = Task.Run(() => FuzzVerdict.Of(target, input));
        try
        {
            if (!run.Wait(FuzzBudget.CaseDeadline))
            {
                throw new FuzzFailure(target, fuzzCase, input, $"no answer within {FuzzBudget.CaseDeadline.TotalSeconds} s (a hang)");
            }

            tally.Count(run.Result);
        }
        catch (AggregateException wrapped) when (wrapped.InnerException is { } error && error is not FuzzFailure)
        {
            throw new FuzzFailure(target, fuzzCase, input, error is CanaryLeakException ? error.Message : $"unexpected {error}");
        }
    }

    private static void Report(FuzzTally tally, TimeSpan elapsed, ulong seed)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{tally.Target}\t{tally.Executions}\t{tally.Accepted}\t{tally.Refused}\t{tally.Crashes}\t{elapsed.TotalSeconds:F1}\t{seed}");
        Console.WriteLine($"fuzz: {line}");
        if (FuzzBudget.ReportPath is { } path)
        {
            lock (typeof(FuzzProperty))
            {
                File.AppendAllText(path, line + "\n");
            }
        }
    }
}
