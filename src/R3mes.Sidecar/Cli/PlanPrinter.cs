using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Cli;

/// <summary>The plan <c>check</c> prints: names, paths, modes and descriptions — never a value.</summary>
internal static class PlanPrinter
{
    public static void Print(SidecarPlan plan, TextWriter output)
    {
        output.WriteLine($"output: {plan.Output.Directory} (default mode {OptionValues.FormatMode(plan.Output.Mode)}{Owner(plan.Output.Uid, plan.Output.Gid)}{(plan.Output.RequireTmpfs ? ", tmpfs required" : "")})");
        foreach (var secret in plan.Secrets)
        {
            var refresh = secret.Refresh == Timeout.InfiniteTimeSpan ? "read once" : $"refresh {Duration.Format(secret.Refresh)}";
            output.WriteLine($"secret {secret.Name}: {secret.Source.Description}{(secret.Key is null ? "" : $" key {secret.Key}")}, {refresh}, update {secret.Update.ToString().ToLowerInvariant()}{(secret.Required ? "" : ", optional")}{(secret.AllowEmpty ? ", empty allowed" : "")}");
            foreach (var file in secret.Files)
            {
                output.WriteLine($"  file {file.Name}: {OptionValues.FormatMode(file.Mode)}{Owner(file.Uid, file.Gid)}, {file.Content.Describe()}");
            }

            if (secret.OnChange.Count > 0)
            {
                output.WriteLine($"  on change: {string.Join(", ", secret.OnChange)}");
            }
        }

        foreach (var action in plan.Actions.Values)
        {
            output.WriteLine($"action {action.Name}: {action.Action.Description} (wait {Duration.Format(action.Wait.Min)}..{Duration.Format(action.Wait.Max)}, {(action.OnFirstRender ? "also on first render" : "on changes, not on first render")})");
        }

        output.WriteLine(plan.Listen is null ? "listen: off" : $"listen: {plan.Listen}");
        output.WriteLine($"configuration OK: {plan.Secrets.Count} secret(s), {plan.Secrets.Sum(s => s.Files.Count)} file(s), {plan.Actions.Count} action(s)");
    }

    private static string Owner(int? uid, int? gid) =>
        uid is null && gid is null ? "" : $", owner {uid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}:{gid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";
}
