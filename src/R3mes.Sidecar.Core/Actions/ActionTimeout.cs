using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Actions;

/// <summary>Reads an action's <c>timeout</c>: a duration longer than zero.</summary>
internal static class ActionTimeout
{
    public static TimeSpan Read(string? text, string path, TimeSpan fallback, ConfigErrors errors)
    {
        var timeout = OptionValues.Duration(text, path, fallback, errors);
        if (timeout > TimeSpan.Zero)
        {
            return timeout;
        }

        errors.Add(path, $"'{text}' is too short: an action needs time to run, e.g. timeout: {Duration.Format(fallback)}");
        return fallback;
    }
}
