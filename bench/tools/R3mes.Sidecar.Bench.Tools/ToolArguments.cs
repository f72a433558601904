using System.Globalization;

namespace R3mes.Sidecar.Bench.Tools;

/// <summary><c>--name value</c> pairs.</summary>
internal sealed class ToolArguments(string[] args)
{
    public string Text(string name, string? fallback = null) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback ?? throw new ArgumentException($"missing {name}");

    public int Number(string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
