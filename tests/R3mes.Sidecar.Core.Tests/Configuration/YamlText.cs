using System.Text;
using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Core.Tests.Configuration;

/// <summary>YAML text through the sidecar's provider.</summary>
internal static class YamlText
{
    /// <summary>Parses the text with <see cref="YamlConfigurationProvider.Load(Stream)"/>; its errors surface as thrown.</summary>
    public static IConfigurationRoot Load(string yaml)
    {
        var provider = new YamlConfigurationProvider(new YamlConfigurationSource { Optional = true });
        var root = new ConfigurationRoot([provider]);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(yaml));
        provider.Load(stream);
        return root;
    }

    /// <summary>The text written to <c>sidecar.yaml</c> in <paramref name="directory"/> and built like the sidecar does.</summary>
    public static IConfigurationRoot FromFile(string yaml, string directory)
    {
        File.WriteAllText(Path.Combine(directory, "sidecar.yaml"), yaml);
        return new ConfigurationBuilder()
            .Add(new YamlConfigurationSource
            {
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(directory),
                Path = "sidecar.yaml",
                Optional = false,
                ReloadOnChange = false,
            })
            .Build();
    }
}
