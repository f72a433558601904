using System.CommandLine;
using R3mes.Sidecar.Cli;

namespace R3mes.Sidecar.Operator;

/// <summary>
/// <c>r3mes-sidecar health</c>: GET a running sidecar's <c>/readyz</c> and exit 0 when it answers 200, else 1 —
/// a Compose or Docker healthcheck for an image without a shell or curl.
/// </summary>
internal static class HealthCommand
{
    public static Command Create()
    {
        var address = new Option<string>("--address")
        {
            Description = "host:port of the sidecar's listen address.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("R3MES_SIDECAR_HEALTH_ADDRESS") is { Length: > 0 } a ? a : "127.0.0.1:8099",
        };
        var path = new Option<string>("--path") { Description = "/readyz (ready) or /healthz (alive).", DefaultValueFactory = _ => "/readyz" };
        var command = new Command("health", "Probe a running sidecar's /readyz (exit 0 ready, 1 not): a healthcheck for shell-less images.") { address, path };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!Uri.TryCreate($"http://{result.GetValue(address)}{result.GetValue(path)}", UriKind.Absolute, out var url))
            {
                return Fail.With(ExitCodes.Usage, "--address must be host:port, --path an absolute path such as /readyz");
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            try
            {
                using var response = await http.GetAsync(url, cancellationToken).ConfigureAwait(false);
                var body = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
                if (response.IsSuccessStatusCode)
                {
                    Console.WriteLine($"{url.AbsolutePath}: {body}");
                    return ExitCodes.Success;
                }

                return Fail.With(ExitCodes.Failure, $"{url}: {(int)response.StatusCode} {body}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return Fail.With(ExitCodes.Failure, $"{url}: no answer ({e.Message}); is the sidecar running with listen: {result.GetValue(address)}?");
            }
        });
        return command;
    }
}
