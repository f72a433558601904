using Microsoft.Extensions.DependencyInjection.Extensions;
using R3mes.Sidecar.Aws.Configuration;
using R3mes.Sidecar.Aws.Sources;

namespace R3mes.Sidecar.Aws;

public static class AwsServiceCollectionExtensions
{
    /// <summary>Adds the <c>aws:</c> section and the <c>aws</c> source kind (Secrets Manager).</summary>
    public static SidecarBuilder AddAws(this SidecarBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<AwsRuntime>();
        return builder.AddSection<AwsSection>().AddSource<AwsSourceFactory>();
    }
}
