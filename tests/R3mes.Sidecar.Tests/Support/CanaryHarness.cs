using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace R3mes.Sidecar.Tests.Support;

/// <summary>
/// The canary harness every <see cref="SidecarProcess"/> runs under. Secrets leak through the paths nobody reads:
/// consul-template printed secret values in its debug log (CVE-2022-38149), and the Secrets Store CSI driver logged
/// service-account tokens (CVE-2023-2878). So each process gets unique seeded canaries (a fake Vault token, a
/// service-account JWT, an AWS session token, a database password, in variables it inherits), runs at trace level
/// when its configuration sets no log level, and when it ends its stdout and stderr (where its log goes), its
/// <c>/metrics</c> and <c>/status</c>, the environments of its children (exec mode) and the files it generated
/// (<c>--out FILE</c>: an exported manifest, a backup archive) are searched for every secret
/// value the test's sources serve: the files under the workspace's <c>src/</c> (next to the configuration, or in the
/// working directory of a command without one) and in its output directory, the store of <c>secrets backup</c> (whole
/// values and the string members of JSON objects) and the seeded canaries. A leak fails the test naming where the
/// value was found and where it came from, never the value.
/// </summary>
internal sealed partial class CanaryHarness
{
    /// <summary>Shorter values (ids, "true", port numbers) are too common to prove a leak.</summary>
    private const int MinimumLength = 8;

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly string? _configPath;
    private readonly string? _root;
    private readonly string _configText;
    private readonly IReadOnlyList<string> _written;
    private readonly bool _encryptsTheStore;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly Dictionary<string, string> _seeded;
    private readonly List<(string Location, string Text)> _captured = [];

    private CanaryHarness(string? configPath, string configText, IReadOnlyDictionary<string, string?> environment, Dictionary<string, string> seeded, IReadOnlyList<string> args, string? workingDirectory)
    {
        (_configPath, _configText, _environment, _seeded) = (configPath, configText, environment, seeded);
        var directory = workingDirectory is { Length: > 0 } ? workingDirectory : null;
        _root = configPath is not null ? Path.GetDirectoryName(configPath) : directory;
        _written = [.. args.Zip(args.Skip(1)).Where(a => a.First == "--out").Select(a => a.Second)];
        _encryptsTheStore = args.Count > 1 && args[0] == "secrets" && args[1] == "backup";
        _workingDirectory = directory ?? System.Environment.CurrentDirectory;
    }

    private readonly string _workingDirectory;

    /// <summary>The variables the process starts with: the test's own, the seeded canaries, and trace level if the test allows.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; private set; } = new Dictionary<string, string?>();

    public static CanaryHarness For(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment, string? workingDirectory)
    {
        var given = environment ?? new Dictionary<string, string?>();
        var configPath = ConfigPath(args, given, workingDirectory);
        var configText = configPath is not null && File.Exists(configPath) ? File.ReadAllText(configPath) : given.GetValueOrDefault("R3MES_SIDECAR_CONFIG_INLINE") ?? "";
        var id = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var seeded = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["R3MES_CANARY_VAULT_TOKEN"] = $"hvs.CANARY{id}",
            ["R3MES_CANARY_SERVICE_ACCOUNT_JWT"] = $"eyJhbGciOiJSUzI1NiJ9.CANARY{id}.c2lnbmF0dXJl",
            ["R3MES_CANARY_AWS_SESSION_TOKEN"] = $"IQoJb3JpZ2luX2VjECANARY{id}",
            ["R3MES_CANARY_DATABASE_PASSWORD"] = $"CANARY-db-{id}",
        };
        var harness = new CanaryHarness(configPath, configText, given, seeded, args, workingDirectory);
        var effective = new Dictionary<string, string?>(given, StringComparer.Ordinal);
        foreach (var (name, value) in seeded)
        {
            effective.TryAdd(name, value);
        }

        var command = args.FirstOrDefault();
        if (command is "run" or "once" or "exec" && !configText.Contains("level:", StringComparison.Ordinal) && !given.Keys.Any(k => k.Contains("log__level", StringComparison.OrdinalIgnoreCase)))
        {
            effective["R3MES_SIDECAR__log__level"] = "trace";
        }

        harness.Environment = effective;
        return harness;
    }

    /// <summary>Before the process is stopped: what its endpoints and its children show.</summary>
    public void CaptureLive(int pid)
    {
        if (ListenAddress().Match(_configText) is { Success: true } listen)
        {
            foreach (var path in new[] { "/metrics", "/status" })
            {
                try
                {
                    _captured.Add((path, Http.GetStringAsync(new Uri($"http://{listen.Groups[1].Value}{path}")).GetAwaiter().GetResult()));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // Not listening (yet, or any more): nothing to read there.
                }
            }
        }

        foreach (var child in Descendants(pid))
        {
            try
            {
                var environ = File.ReadAllText($"/proc/{child}/environ").Split('\0');
                // A child inherits the sidecar's own environment; what the test put there is not a leak.
                var inherited = _environment.Values.Concat(_seeded.Values).OfType<string>().ToHashSet(StringComparer.Ordinal);
                var added = environ.Where(v => !inherited.Any(i => v.EndsWith("=" + i, StringComparison.Ordinal)));
                _captured.Add(($"the environment of child process {child}", string.Join('\n', added)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone already.
            }
        }
    }

    /// <summary>Where a secret value appears in the captured output, the process's output included; empty when nowhere.</summary>
    public IReadOnlyList<string> Leaks(string stdout, string stderr)
    {
        var places = _captured.Append(("stdout", stdout)).Append(("stderr (the log)", stderr)).Concat(WrittenFiles()).ToArray();
        var leaks = new List<string>();
        foreach (var (origin, value) in Values())
        {
            foreach (var (location, text) in places)
            {
                foreach (var form in CanaryForms.Of(value))
                {
                    var at = text.IndexOf(form, StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        var line = text.AsSpan(0, at).Count('\n') + 1;
                        leaks.Add(string.Create(CultureInfo.InvariantCulture, $"a secret value from {origin} ({value.Length} characters) appears in {location}, line {line}"));
                        break;
                    }
                }
            }
        }

        return leaks.Distinct(StringComparer.Ordinal).ToArray();
    }

    private IEnumerable<(string Origin, string Value)> Values()
    {
        foreach (var (name, value) in _seeded)
        {
            yield return ($"the seeded canary {name}", value);
        }

        if (_root is null)
        {
            yield break;
        }

        var root = _root;
        var directories = new List<string> { Path.Combine(root, "src") };
        if (_encryptsTheStore)
        {
            // An encrypted archive must not hold the store's values in the clear (an export, by contrast, is meant to).
            directories.Add(Path.Combine(root, "docker", "secrets"));
        }

        if (OutputDirectory().Match(_configText) is { Success: true } output)
        {
            directories.Add(Path.GetFullPath(output.Groups[1].Value.Trim('"', '\''), root));
        }

        foreach (var file in directories.Where(Directory.Exists).SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories)))
        {
            foreach (var value in Secrets(file).Where(v => v.Length >= MinimumLength && !_configText.Contains(v, StringComparison.Ordinal)))
            {
                yield return ($"{Path.GetRelativePath(root, file)}", value);
            }
        }
    }

    /// <summary>The files the command generated (<c>--out FILE</c>: a manifest, an archive), as text.</summary>
    private IEnumerable<(string Location, string Text)> WrittenFiles()
    {
        foreach (var name in _written)
        {
            var path = Path.GetFullPath(name, _workingDirectory);
            string text;
            try
            {
                var info = new FileInfo(path);
                if (!info.Exists || info.LinkTarget is not null || info.Length > 16 * 1024 * 1024)
                {
                    continue;
                }

                text = File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            yield return ($"the file written by --out {name}", text);
        }
    }

    private static IEnumerable<string> Secrets(string file)
    {
        string text;
        try
        {
            var info = new FileInfo(file);
            // A FIFO or device node (planted by a test) reports size 0 and would block or act when read.
            if (info.LinkTarget is not null || info.Length == 0 || info.Length > 64 * 1024 || (info.UnixFileMode & UnixFileMode.UserRead) == 0)
            {
                yield break;
            }

            text = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            yield break;
        }

        yield return text.Trim();
        if (text.TrimStart().StartsWith('{'))
        {
            List<string> members = [];
            try
            {
                using var json = JsonDocument.Parse(text);
                members.AddRange(json.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => p.Value.GetString()!));
            }
            catch (JsonException)
            {
                // Not JSON after all: the whole text was the value.
            }

            foreach (var member in members)
            {
                yield return member;
            }
        }
    }

    private static string? ConfigPath(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment, string? workingDirectory)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] is "-c" or "--config")
            {
                return Path.GetFullPath(args[i + 1], workingDirectory is { Length: > 0 } ? workingDirectory : System.Environment.CurrentDirectory);
            }
        }

        return environment.GetValueOrDefault("R3MES_SIDECAR_CONFIG");
    }

    private static IEnumerable<int> Descendants(int pid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var id))
            {
                try
                {
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    parents[id] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
                {
                    // Exited while we looked.
                }
            }
        }

        var found = new HashSet<int> { pid };
        bool grew;
        do
        {
            grew = false;
            foreach (var (id, parent) in parents)
            {
                grew |= found.Contains(parent) && found.Add(id);
            }
        }
        while (grew);
        found.Remove(pid);
        return found;
    }

    [GeneratedRegex(@"(?m)^\s*listen:\s*""?([0-9.]+:[0-9]+)")]
    private static partial Regex ListenAddress();

    [GeneratedRegex(@"output:\s*\{?\s*(?:[^}\n]*?\s)?dir:\s*([^\s,}]+)")]
    private static partial Regex OutputDirectory();
}
