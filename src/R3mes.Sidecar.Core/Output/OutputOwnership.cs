using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Posix;

namespace R3mes.Sidecar.Output;

/// <summary>
/// Whether this process can give the files the owners the plan asks for. Without CAP_CHOWN, chown(2) may only keep
/// the owner the process itself is and set a group the process is a member of (see docs/file-ownership.md), so
/// any other <c>uid</c>/<c>gid</c> would fail every write: <c>check</c> and the start report it with the fix.
/// </summary>
public static class OutputOwnership
{
    public static IReadOnlyList<ConfigError> Problems(SidecarPlan plan, ProcessCredentials who)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(who);
        var problems = new List<ConfigError>();
        if (who.CanChown)
        {
            return problems;
        }

        Check(problems, "output", plan.Output.Uid, plan.Output.Gid, who);
        foreach (var (secret, index) in plan.Secrets.Select((s, i) => (s, i)))
        {
            foreach (var file in secret.Files)
            {
                var path = ConfigPath.Display($"secrets:{index}:files:{file.Name}");
                Check(problems, path, file.Uid == plan.Output.Uid ? null : file.Uid, file.Gid == plan.Output.Gid ? null : file.Gid, who);
            }
        }

        return problems;
    }

    private static void Check(List<ConfigError> problems, string path, int? uid, int? gid, ProcessCredentials who)
    {
        if (uid is { } u && u != who.Uid)
        {
            problems.Add(new ConfigError($"{path}.uid",
                $"{u} cannot be applied: the sidecar runs as uid {who.Uid} without CAP_CHOWN, and only a process with CAP_CHOWN can give a file to another user; " +
                $"run the sidecar as uid {u} (Kubernetes securityContext.runAsUser, Compose user:), add the CHOWN capability, or remove uid"));
        }

        if (gid is { } g && !who.InGroup(g))
        {
            problems.Add(new ConfigError($"{path}.gid",
                $"{g} cannot be applied: the sidecar (gid {who.Gid}{(who.Groups.Count == 0 ? "" : $", groups {string.Join(' ', who.Groups)}")}) is not in group {g} and has no CAP_CHOWN; " +
                $"run it with that group (Kubernetes runAsGroup or supplementalGroups, Compose group_add:), add the CHOWN capability, or remove gid"));
        }
    }
}
