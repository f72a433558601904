using System.Text;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Security;

/// <summary>
/// CONTRACT §5: secret values never reach logs, errors, metrics or <c>check</c> output. Canary values go through the
/// error paths (a template naming a missing field, invalid JSON, bad base64, a symlink at a target, failing
/// signal/command/http actions, a pidfile pointed at a secret, a URL query and header holding a token) at trace
/// level, and every byte the processes print is scanned for the canaries, raw, URL-encoded, URL-decoded and base64.
/// </summary>
public sealed class NoSecretInOutputTests
{
    private const string Jwt = "CANARY-7f3a9-jwt";
    private const string Password = "CANARY-pw-%41";
    private const string NextPassword = "CANARY-pw2-c0ffee";
    private const string TemplateSecret = "CANARY-tpl-5be1";
    private const string JsonSecret = "CANARY-json-9d4e";
    private const string Base64Secret = "CANARY-b64-**";
    private const string LinkedSecret = "CANARY-link-77aa";
    private const string UrlToken = "CANARY-query-31f0";
    private const string HeaderToken = "CANARY-header-c4d2";

    private static readonly string[] Canaries =
        [Jwt, Password, NextPassword, TemplateSecret, JsonSecret, Base64Secret, LinkedSecret, UrlToken, HeaderToken];

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task ErrorRetryAndActionPaths_AtTraceLevel_PrintNoSecretValue()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("app/jwt_secret.txt", Jwt);
        workspace.WriteSource("app/postgres_password.txt", Password);
        workspace.WriteSource("templated/password.txt", TemplateSecret);
        workspace.WriteSource("creds.json", $"{{\"api_key\": \"{JsonSecret}\", oops}}");
        workspace.WriteSource("b64/value", Base64Secret);
        workspace.WriteSource("linked/grafana_admin_password", LinkedSecret);
        var outside = workspace.PathOf("outside.txt");
        File.WriteAllText(outside, "outside");
        File.CreateSymbolicLink(workspace.OutputFile("grafana_admin_password"), outside);
        var port = FreePort.Next();
        var closedPort = FreePort.Next();
        var config = workspace.WriteConfig($$$"""
            output: { dir: out }
            log: { level: trace }
            retry_budget: 1s
            listen: 127.0.0.1:{{{port}}}
            secrets:
              - name: app
                source: { file: src/app }
                files:
                  jwt_secret: {}
                  postgres_password: {}
                  database_url: "postgresql://app:{{ postgres_password | url }}@db/r3mes"
                on_change: [failing, pidfile, hook]
              - name: templated
                source: { file: src/templated }
                files: { redis_password: "{{ password }}{{ missing_field }}" }
              - name: json
                source: { file: src/creds.json, key: api_key }
                files: { api_secret_key: {} }
              - name: b64
                source: { file: src/b64 }
                files: { node_key: { key: value, decode: base64 } }
              - name: linked
                source: { file: src/linked }
                files: { grafana_admin_password: {} }
            actions:
              failing: { command: [/bin/false], wait: { min: 100ms, max: 500ms } }
              pidfile: { signal: SIGHUP, process: { pidfile: src/app/jwt_secret.txt }, wait: { min: 100ms, max: 500ms } }
              hook:
                http: { url: "http://127.0.0.1:{{{closedPort}}}/reload?token={{{UrlToken}}}", headers: { Authorization: "Bearer {{{HeaderToken}}}" }, timeout: 1s }
                wait: { min: 100ms, max: 500ms }
            """);
        var transcript = new StringBuilder();

        using (var check = await SidecarProcess.RunAsync("check", "-c", config))
        {
            transcript.Append(check.Transcript);
            Assert.True(check.ExitCode == 0, check.Transcript);
        }

        using (var once = await SidecarProcess.RunAsync("once", "-c", config))
        {
            transcript.Append(once.Transcript);
            Assert.True(once.ExitCode == 1, once.Transcript);
        }

        using (var run = SidecarProcess.Start(["run", "-c", config]))
        {
            try
            {
                await run.WaitForOutputAsync("refreshing secret linked failed");
                workspace.WriteSource("app/postgres_password.txt", NextPassword);
                await run.WaitForOutputAsync("action failing failed, attempt 2");
                await run.WaitForOutputAsync("action pidfile failed, attempt 2");
                await run.WaitForOutputAsync("action hook failed, attempt 2");
                var jsonFailures = run.CountLines("refreshing secret json failed");
                run.Signal(Unix.SigHup);
                await Eventually.Until(() => run.CountLines("refreshing secret json failed") > jsonFailures, Eventually.DefaultTimeout, () => run.Transcript);
                transcript.Append(await Http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics")));
                using var readyz = await Http.GetAsync(new Uri($"http://127.0.0.1:{port}/readyz"));
                transcript.Append(await readyz.Content.ReadAsStringAsync());
                run.Signal(Unix.SigTerm);
                Assert.Equal(0, await run.WaitForExitAsync(SidecarProcess.ExitTimeout));
            }
            finally
            {
                transcript.Append(run.Transcript);
            }
        }

        var text = transcript.ToString();
        // The scenario reached the paths it is meant to scan, and the canaries really were secrets it rendered.
        Assert.Equal(Jwt, workspace.ReadOutput("jwt_secret"));
        Assert.Equal(NextPassword, workspace.ReadOutput("postgres_password"));
        Assert.Contains("missing_field", text, StringComparison.Ordinal);
        Assert.Contains("the value is not a JSON object", text, StringComparison.Ordinal);
        Assert.Contains("not valid base64", text, StringComparison.Ordinal);
        Assert.Contains("grafana_admin_password is a symlink", text, StringComparison.Ordinal);
        Assert.Contains("does not hold a process id", text, StringComparison.Ordinal);
        Assert.Contains("r3mes_sidecar_fetch_errors_total", text, StringComparison.Ordinal);
        Canary.AssertAbsent(Canaries, text);
    }
}
