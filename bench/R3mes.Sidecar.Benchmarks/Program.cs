// The hot paths, in process (no generated project: the repository's analyzers and warnings-as-errors stay out of it):
//   dotnet run -c Release --project bench/R3mes.Sidecar.Benchmarks -- --filter '*'            (full)
//   dotnet run -c Release --project bench/R3mes.Sidecar.Benchmarks -- --filter '*' --short    (3 iterations)
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

var job = (args.Contains("--short") ? Job.ShortRun : Job.Default).WithToolchain(InProcessEmitToolchain.Instance);
var config = DefaultConfig.Instance.AddJob(job).WithOptions(ConfigOptions.DisableOptimizationsValidator)
    .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
BenchmarkSwitcher.FromAssembly(typeof(RenderBenchmarks).Assembly).Run([.. args.Where(a => a != "--short")], config);
