using System.Text.Json.Nodes;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>
/// Carries out a plan's steps in order, printing one line per step done (its summary: names and paths, never a value).
/// Secret values join a request body only here, at the moment it is sent. Stops at the first failure, saying how
/// many steps were done: a new run plans only what is still missing.
/// </summary>
internal sealed class BootstrapApplier(BootstrapVault vault, TextWriter output)
{
    /// <summary>The role ids written, by service, for the closing summary.</summary>
    public Dictionary<string, string> RoleIds { get; } = new(StringComparer.Ordinal);

    public async Task ApplyAsync(BootstrapPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var done = 0;
        foreach (var step in plan.Steps)
        {
            try
            {
                await ApplyAsync(step, cancellationToken).ConfigureAwait(false);
            }
            catch (BootstrapException e)
            {
                throw new BootstrapException($"step {(done + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)} of {plan.Steps.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({step.Summary}) failed: {e.Message}. " +
                    $"{done.ToString(System.Globalization.CultureInfo.InvariantCulture)} step(s) were applied; run again after fixing it, only what is missing is done", e);
            }

            done++;
            await output.WriteLineAsync($"  done: {step.Summary}").ConfigureAwait(false);
        }
    }

    private async Task ApplyAsync(BootstrapStep step, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("vault bootstrap writes 0600 credentials files: Linux or macOS only");
        }

        switch (step.Kind)
        {
            case StepKind.WriteRoleIdFile:
                var data = await vault.ReadAsync(step.Target, cancellationToken).ConfigureAwait(false);
                var roleId = data is { } d && d.TryGetProperty("role_id", out var id) ? id.GetString() : null;
                if (string.IsNullOrEmpty(roleId))
                {
                    throw new BootstrapException($"GET {step.Target} returned no role_id");
                }

                CredentialFile.Write(step.Credentials!.RoleIdFile, roleId);
                RoleIds[step.Credentials.Service] = roleId;
                break;
            case StepKind.IssueSecretId:
                var credentials = step.Credentials!;
                var wrapped = await vault.WriteWrappedAsync(step.Target, step.Body ?? [], credentials.WrapTtl, cancellationToken).ConfigureAwait(false);
                CredentialFile.Write(credentials.SecretIdFile, wrapped.Reveal());
                break;
            default:
                await vault.WriteAsync(step.Target, Body(step), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>The request body: the step's fields plus its secrets (at the top level or under <see cref="BootstrapStep.SecretsUnder"/>).</summary>
    private static JsonObject Body(BootstrapStep step)
    {
        var body = (JsonObject)(step.Body?.DeepClone() ?? new JsonObject());
        if (step.Secrets.Count == 0)
        {
            return body;
        }

        var target = body;
        if (step.SecretsUnder is { } under)
        {
            target = new JsonObject();
            body[under] = target;
        }

        foreach (var (name, value) in step.Secrets)
        {
            target[name] = Reveal(value);
        }

        return body;
    }

    private static string Reveal(SecretValue value) => value.RevealUtf8();
}
