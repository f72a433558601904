using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Aws.Configuration;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Aws.Sources;

/// <summary>
/// <c>source: { aws: r3mes/redis, key: password }</c>, optionally <c>version_stage: AWSPREVIOUS</c> or
/// <c>version_id: …</c>. Contacts nothing until the first fetch.
/// </summary>
internal sealed class AwsSourceFactory(AwsRuntime aws, ILoggerFactory loggers) : ISecretSourceFactory
{
    private readonly AwsFirstLoad _firstLoad = new(aws);

    public string Kind => "aws";

    public IReadOnlyCollection<string> OptionKeys => ["version_stage", "version_id"];

    public TimeSpan DefaultRefresh => TimeSpan.FromMinutes(5);

    public ISecretSource? Create(SourceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Root is { } root && !root.GetSection(AwsSection.Name).Exists())
        {
            context.Errors.Add($"{context.Path}.aws", "an aws source needs an aws: section with the region, e.g. aws: { region: eu-west-1 }");
        }

        var id = context.Location;
        if (id.Length is 0 or > 2048 || id.Any(char.IsControl))
        {
            context.Errors.Add($"{context.Path}.aws", "name the secret by its name or ARN, e.g. aws: r3mes/redis");
            return null;
        }

        var stage = context.Section["version_stage"];
        var version = context.Section["version_id"];
        if (stage is not null && version is not null)
        {
            context.Errors.Add($"{context.Path}.version_id", "set version_stage or version_id, not both");
            return null;
        }

        if (stage is { Length: 0 or > 256 } || version is { Length: < 32 or > 64 })
        {
            context.Errors.Add($"{context.Path}.{(stage is not null ? "version_stage" : "version_id")}", "not a staging label (1–256 characters) or a version id (32–64 characters)");
            return null;
        }

        if (stage is null && version is null)
        {
            _firstLoad.Register(id);
        }

        return new AwsSource(aws, id, stage, version, _firstLoad, loggers.CreateLogger<AwsSource>());
    }
}
