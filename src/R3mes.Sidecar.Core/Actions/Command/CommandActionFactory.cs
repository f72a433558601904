using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Actions.Command;

/// <summary>
/// <c>{ command: [nginx, -s, reload], timeout: 30s }</c>: a list of program and arguments, never a shell string;
/// <c>timeout</c> defaults to 30s. A program given as a relative path with a <c>/</c> (<c>./reload.sh</c>) is
/// resolved against the configuration file's directory; a bare name is looked up in PATH when the action runs.
/// </summary>
internal sealed class CommandActionFactory(TimeProvider timeProvider, ILoggerFactory loggerFactory) : IReloadActionFactory
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private const string TimeoutKey = "timeout";
    private const string Example = "e.g. command: [nginx, -s, reload]";

    public string Kind => "command";

    public IReadOnlyCollection<string> OptionKeys => [TimeoutKey];

    public IReloadAction? Create(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var argv = ReadArgv(context);
        var timeout = ActionTimeout.Read(context.Section[TimeoutKey], ConfigPath.Child(context.Path, TimeoutKey), DefaultTimeout, context.Errors);
        return argv is null ? null : new CommandAction(argv, timeout, timeProvider, loggerFactory.CreateLogger<CommandAction>());
    }

    private string[]? ReadArgv(ActionContext context)
    {
        var section = context.Section.GetSection(Kind);
        var path = ConfigPath.Of(section);
        var items = section.GetChildren().ToArray();
        if (section.Value is { } text)
        {
            context.Errors.Add(path, $"must be a list of program and arguments, not the string '{text}' (no shell runs it): {Example}");
            return null;
        }

        if (items.Length == 0 || !IsList(items))
        {
            context.Errors.Add(path, $"must be a list of program and arguments, {Example}");
            return null;
        }

        var argv = items.Select(i => i.Value!).ToArray();
        if (string.IsNullOrWhiteSpace(argv[0]) || argv.Any(a => a.Contains('\0', StringComparison.Ordinal)))
        {
            context.Errors.Add($"{path}[0]", $"the first item must name the program to run, {Example}");
            return null;
        }

        if (argv[0].Contains('/', StringComparison.Ordinal))
        {
            argv[0] = Path.GetFullPath(argv[0], context.BaseDirectory);
        }

        return argv;
    }

    /// <summary>Items 0, 1, 2… each a scalar: not a mapping, not nested lists, no null items.</summary>
    private static bool IsList(IConfigurationSection[] items) =>
        items.Select((item, index) => item.Key == index.ToString(CultureInfo.InvariantCulture) && item.Value is not null).All(ok => ok);
}
