using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Posix;

namespace R3mes.Sidecar.Actions.Signal;

/// <summary>
/// <c>{ signal: SIGHUP, process: { pidfile: /run/app/backend.pid } }</c> or
/// <c>{ signal: SIGHUP, process: { name: nginx } }</c>. A relative pidfile is resolved against the configuration
/// file's directory; the pidfile need not exist yet, it is read at every run.
/// </summary>
internal sealed class SignalActionFactory(ILoggerFactory loggerFactory) : IReloadActionFactory
{
    private const string ProcessKey = "process";
    private const string ProcessExample = "process: { pidfile: /run/app/backend.pid } or process: { name: nginx }";
    private const string ProcRoot = "/proc";

    public string Kind => "signal";

    public IReadOnlyCollection<string> OptionKeys => [ProcessKey];

    public IReloadAction? Create(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var signal = ReadSignal(context);
        var target = ReadTarget(context);
        return signal is { } number && target is not null
            ? new SignalAction(number, target, loggerFactory.CreateLogger<SignalAction>())
            : null;
    }

    private int? ReadSignal(ActionContext context)
    {
        var text = context.Section[Kind];
        if (Signals.TryParse(text, out var signal))
        {
            return signal;
        }

        var known = Signals.Names.ToArray();
        context.Errors.Add(ConfigPath.Child(context.Path, Kind), string.IsNullOrWhiteSpace(text)
            ? $"name the signal to send, e.g. signal: SIGHUP (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})"
            : $"{ConfigKeys.Unknown("signal", text, known)}: e.g. signal: SIGHUP");
        return null;
    }

    private static ISignalTarget? ReadTarget(ActionContext context)
    {
        var section = context.Section.GetSection(ProcessKey);
        var path = ConfigPath.Of(section);
        if (section.Value is { } scalar)
        {
            context.Errors.Add(path, $"'{scalar}' is not a mapping: write {ProcessExample}");
            return null;
        }

        var options = ConfigBinding.Bind(section, SignalProcessOptions.Keys, context.Errors, s => s.Get<SignalProcessOptions>());
        return (options.Pidfile, options.Name) switch
        {
            (not null, not null) => Fail(context, path, "set pidfile or name, not both: one action signals one kind of target"),
            (null, null) => Fail(context, path, $"say which process to signal: {ProcessExample}"),
            ({ } pidfile, null) => ReadPidFile(context, $"{path}.pidfile", pidfile),
            (null, { } name) => ReadName(context, $"{path}.name", name),
        };
    }

    private static PidFileTarget? ReadPidFile(ActionContext context, string path, string pidfile)
    {
        if (string.IsNullOrWhiteSpace(pidfile) || pidfile.Any(char.IsControl))
        {
            context.Errors.Add(path, "must be the path of a file holding the pid, e.g. pidfile: /run/app/backend.pid");
            return null;
        }

        return new PidFileTarget(Path.GetFullPath(pidfile, context.BaseDirectory));
    }

    private static ProcessNameTarget? ReadName(ActionContext context, string path, string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('/', StringComparison.Ordinal) || name.Any(char.IsControl))
        {
            context.Errors.Add(path, $"'{name}' is not a process name: write the program's file name as ps shows it, e.g. name: nginx (or use pidfile)");
            return null;
        }

        return new ProcessNameTarget(name, ProcRoot);
    }

    private static ISignalTarget? Fail(ActionContext context, string path, string message)
    {
        context.Errors.Add(path, message);
        return null;
    }
}
