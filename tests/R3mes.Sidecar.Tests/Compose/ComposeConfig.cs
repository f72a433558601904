using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace R3mes.Sidecar.Tests.Compose;

/// <summary>
/// A compose file as <c>docker-compose config</c> (Debian's docker-compose, no Docker engine needed) validates and
/// normalizes it, parsed into YAML nodes.
/// </summary>
internal sealed class ComposeConfig
{
    private ComposeConfig(string file, YamlMappingNode root)
    {
        File = file;
        Root = root;
    }

    public string File { get; }

    public YamlMappingNode Root { get; }

    public YamlMappingNode Services => Map(Root, "services") ?? new YamlMappingNode();

    public static ComposeConfig Load(string file)
    {
        var path = new[] { "/usr/bin/docker-compose", "/usr/local/bin/docker-compose" }.FirstOrDefault(System.IO.File.Exists)
            ?? throw new InvalidOperationException("docker-compose is not installed: apt-get install -y docker-compose (test.sh does it)");
        var info = new ProcessStartInfo(path) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(file)! };
        foreach (var arg in new[] { "-f", file, "config" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"docker-compose config {file} failed:\n{stderr.Result}");
        var yaml = new YamlStream();
        yaml.Load(new StringReader(stdout));
        return new ComposeConfig(file, (YamlMappingNode)yaml.Documents[0].RootNode);
    }

    public static YamlMappingNode? Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    public static YamlSequenceNode? Sequence(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlSequenceNode : null;

    public static string? Scalar(YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    public IEnumerable<(string Name, YamlMappingNode Service)> AllServices() =>
        Services.Children.Select(c => (((YamlScalarNode)c.Key).Value!, (YamlMappingNode)c.Value));

    /// <summary>The service's mounts as (source, target, read-only, type), from the short or the long syntax.</summary>
    public static IEnumerable<Mount> Mounts(YamlMappingNode service)
    {
        foreach (var node in Sequence(service, "volumes") ?? new YamlSequenceNode())
        {
            if (node is YamlScalarNode scalar)
            {
                var parts = scalar.Value!.Split(':');
                var source = parts[0];
                yield return new Mount(source, parts[1], parts.Length > 2 && parts[2].Split(',').Contains("ro"),
                    source.StartsWith('/') || source.StartsWith('.') ? "bind" : "volume");
            }
            else
            {
                yield return new Mount(Scalar(node, "source") ?? "", Scalar(node, "target")!, Scalar(node, "read_only") == "true", Scalar(node, "type") ?? "volume");
            }
        }
    }

    public static IEnumerable<string> Names(YamlNode? node) => node switch
    {
        YamlSequenceNode sequence => sequence.Select(n => n is YamlScalarNode s ? s.Value! : Scalar(n, "source")!),
        YamlMappingNode map => map.Children.Keys.Select(k => ((YamlScalarNode)k).Value!),
        _ => [],
    };

    internal sealed record Mount(string Source, string Target, bool ReadOnly, string Type);
}
