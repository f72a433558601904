using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace R3mes.Sidecar.Tests.Support.Faults;

/// <summary>A running sidecar's <c>/status</c> and <c>/metrics</c>, read the way a monitoring system reads them.</summary>
internal sealed partial class LocalEndpoints(int port)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public Uri Root { get; } = new($"http://127.0.0.1:{port}");

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(Root, path));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException)
        {
            return (0, "");
        }
    }

    public async Task<JsonNode> StatusAsync() => JsonNode.Parse((await GetAsync("/status")).Body)!;

    /// <summary>The secret's entry in <c>/status</c>.</summary>
    public async Task<JsonNode> SecretAsync(string name) =>
        (await StatusAsync())["secrets"]!.AsArray().Single(s => (string?)s!["name"] == name)!;

    public async Task<string> MetricsAsync() => (await GetAsync("/metrics")).Body;

    /// <summary>The value of one series (exact name and labels as exported), or null when absent.</summary>
    public static double? Sample(string metrics, string series)
    {
        foreach (var line in metrics.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..].Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>The reasons with a non-zero count in <c>r3mes_sidecar_backend_errors_total</c> for <paramref name="backend"/>.</summary>
    public static IReadOnlyList<string> BackendErrorReasons(string metrics, string backend) =>
        [.. BackendErrorLine().Matches(metrics).Where(m => m.Groups[1].Value == backend && double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) > 0).Select(m => m.Groups[2].Value)];

    [GeneratedRegex(@"^r3mes_sidecar_backend_errors_total\{backend=""([^""]+)"",reason=""([^""]+)""\} (\S+)", RegexOptions.Multiline)]
    private static partial Regex BackendErrorLine();
}
