using System.Globalization;

namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>
/// One <c>vault bootstrap</c> run: read what Vault holds, plan, print the plan, apply it (unless a dry run), and
/// close with where each service's credentials are. A run with nothing to do writes nothing and says
/// "nothing to change". Output holds names, paths and role ids — never a secret value, secret id or token.
/// </summary>
internal sealed class BootstrapRunner(BootstrapVault vault, TextWriter output)
{
    public async Task<BootstrapPlan> RunAsync(BootstrapSpec spec, BootstrapOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        var desired = DesiredState.From(spec);
        var observed = await new BootstrapInspector(vault).InspectAsync(desired, cancellationToken).ConfigureAwait(false);
        var plan = BootstrapPlanner.Plan(desired, observed, options.NewSecretIds);
        foreach (var note in plan.Notes)
        {
            await output.WriteLineAsync($"note: {note}").ConfigureAwait(false);
        }

        if (plan.IsEmpty)
        {
            await output.WriteLineAsync("nothing to change: Vault already matches the bootstrap file").ConfigureAwait(false);
            await SummaryAsync(desired, observed, null).ConfigureAwait(false);
            return plan;
        }

        await output.WriteLineAsync($"plan: {plan.Steps.Count.ToString(CultureInfo.InvariantCulture)} change(s)").ConfigureAwait(false);
        foreach (var step in plan.Steps)
        {
            await output.WriteLineAsync($"  + {step.Summary}").ConfigureAwait(false);
        }

        if (options.DryRun)
        {
            await output.WriteLineAsync("dry run: nothing was changed").ConfigureAwait(false);
            return plan;
        }

        var applier = new BootstrapApplier(vault, output);
        await applier.ApplyAsync(plan, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"applied {plan.Steps.Count.ToString(CultureInfo.InvariantCulture)} change(s) ({vault.Writes.ToString(CultureInfo.InvariantCulture)} write(s) to Vault)").ConfigureAwait(false);
        await SummaryAsync(desired, observed, applier.RoleIds).ConfigureAwait(false);
        return plan;
    }

    /// <summary>Per AppRole service: its role id and the files the sidecar reads (role id, wrapped secret id).</summary>
    private async Task SummaryAsync(DesiredState desired, ObservedState observed, IReadOnlyDictionary<string, string>? written)
    {
        foreach (var credentials in desired.Credentials)
        {
            var roleId = written is not null && written.TryGetValue(credentials.Service, out var id) ? id
                : observed.Read(credentials.RoleIdPath) is { } data && data.TryGetProperty("role_id", out var r) ? r.GetString() : "?";
            await output.WriteLineAsync(
                $"service {credentials.Service}: role_id {roleId} in {credentials.RoleIdFile}; wrapped secret_id in {credentials.SecretIdFile} " +
                $"(sidecar: auth: {{ method: approle, role_id_file, secret_id_file, secret_id_wrapped: true }})").ConfigureAwait(false);
        }
    }
}
