using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Actions;

/// <summary>Builds an action's configuration section the way the YAML provider flattens it.</summary>
internal static class ActionConfig
{
    public const string BaseDirectory = "/etc/r3mes";

    /// <summary><c>Context("nginx", ("command:0", "nginx"))</c> is <c>actions: { nginx: { command: [nginx] } }</c>.</summary>
    public static ActionContext Context(string name, params (string Key, string? Value)[] values)
    {
        var configuration = Configuration(values.Select(v => ($"actions:{name}:{v.Key}", v.Value)).ToArray());
        return new ActionContext(configuration.GetSection($"actions:{name}"), name, BaseDirectory, new ConfigErrors());
    }

    public static IConfiguration Configuration(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();

    public static string Errors(ActionContext context) => string.Join(Environment.NewLine, context.Errors.All);
}
