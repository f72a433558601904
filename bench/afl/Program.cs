using R3mes.Sidecar.Afl;
using R3mes.Sidecar.Fuzz.Tests.Harness;
using SharpFuzz;

// The AFL++ entry points (bench/afl.sh):
//   R3mes.Sidecar.Afl fuzz TARGET           under afl-fuzz: the SharpFuzz fork server, one input per run from afl
//   R3mes.Sidecar.Afl replay TARGET FILE... one input per file, outside AFL: prints the verdict or the crash
//   R3mes.Sidecar.Afl corpus TARGET DIR     writes the target's seed inputs to DIR and its tokens to DIR.dict
// A crash is what the FsCheck property calls one (FuzzVerdict): any exception but the target's typed refusal.
if (args.Length < 2 || !AflTargets.All.TryGetValue(args[1], out var create))
{
    Console.Error.WriteLine($"usage: R3mes.Sidecar.Afl fuzz|replay|corpus TARGET [FILE...|DIR]; targets: {string.Join(' ', AflTargets.All.Keys)}");
    return 2;
}

switch (args[0])
{
    case "fuzz":
        // Made in the process that runs the inputs (OutOfProcess starts a child for that): the admission target
        // generates keys and writes files at construction.
        IFuzzTarget? fuzzed = null;
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            FuzzVerdict.Of(fuzzed ??= create(), buffer.ToArray());
        });
        return 0;
    case "replay":
        var target = create();
        var crashes = 0;
        foreach (var file in args.Skip(2))
        {
            try
            {
                Console.WriteLine($"{file}: {FuzzVerdict.Of(target, File.ReadAllBytes(file))}");
            }
            catch (Exception e)
            {
                crashes++;
                Console.WriteLine($"{file}: CRASH {e}");
            }
        }

        (target as IDisposable)?.Dispose();
        return crashes == 0 ? 0 : 1;
    case "corpus" when args.Length == 3:
        var seeded = create();
        var written = SeedCorpus.Write(seeded, args[2], args[2].TrimEnd('/') + ".dict");
        Console.WriteLine($"{args[1]}: {written} seeds, {seeded.Dictionary.Count} tokens");
        (seeded as IDisposable)?.Dispose();
        return 0;
    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}
