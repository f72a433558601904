using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Aws.Configuration;

/// <summary>Owns <c>aws:</c>: region (else AWS_REGION / AWS_DEFAULT_REGION), endpoint override, limits, agent endpoint.</summary>
internal sealed class AwsSection : IConfigSectionOwner
{
    public const string Name = "aws";

    private readonly Func<string, string?> _environment;

    public AwsSection()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    internal AwsSection(Func<string, string?> environment) => _environment = environment;

    public string Section => Name;

    public object? Read(IConfigurationSection section, string baseDirectory, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var options = ConfigBinding.Bind(section, AwsOptions.Keys, errors, s => s.Get<AwsOptions>());
        var region = options.Region ?? _environment("AWS_REGION") ?? _environment("AWS_DEFAULT_REGION");
        if (string.IsNullOrWhiteSpace(region) || !region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            errors.Add("aws.region", region is null
                ? "set the region, e.g. region: eu-west-1 (or AWS_REGION)"
                : $"'{region}' is not an AWS region name, e.g. eu-west-1");
            region = null;
        }

        Uri? endpoint = null;
        var endpointText = options.Endpoint ?? _environment("AWS_ENDPOINT_URL_SECRETS_MANAGER") ?? _environment("AWS_ENDPOINT_URL");
        if (endpointText is not null && (!Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            errors.Add("aws.endpoint", $"'{endpointText}' is not an endpoint URL, e.g. https://vpce-1234.secretsmanager.eu-west-1.vpce.amazonaws.com");
            endpoint = null;
        }

        var maxConcurrent = options.MaxConcurrent ?? 8;
        if (maxConcurrent is < 1 or > 1024)
        {
            errors.Add("aws.max_concurrent", $"{maxConcurrent} is out of range: use 1 to 1024 (default 8)");
        }

        var timeout = OptionValues.Duration(options.Timeout, "aws.timeout", TimeSpan.FromSeconds(10), errors);
        var agent = section.GetSection("agent").Exists() ? ReadAgent(section.GetSection("agent"), errors) : null;
        return region is null ? null : new AwsSettings(region, endpoint, maxConcurrent, timeout, agent);
    }

    private static AwsAgentSettings? ReadAgent(IConfigurationSection section, ConfigErrors errors)
    {
        var options = ConfigBinding.Bind(section, AwsAgentOptions.Keys, errors, s => s.Get<AwsAgentOptions>());
        var listen = ListenAddress.Read(options.Listen ?? AwsAgentSettings.DefaultListen, "aws.agent.listen", $"listen: {AwsAgentSettings.DefaultListen}", errors);
        if (listen is null)
        {
            return null;
        }

        // Unset: AWS's agent default, the first of AWS_TOKEN, AWS_SESSION_TOKEN, AWS_CONTAINER_AUTHORIZATION_TOKEN.
        var token = options.Token;
        if (token is not null && !token.StartsWith("env:", StringComparison.Ordinal) && !token.StartsWith("file://", StringComparison.Ordinal))
        {
            // The value is not quoted: someone may have pasted the token itself here.
            errors.Add("aws.agent.token", "is not a token source: use env:NAME or file:///path (the token itself never goes in the configuration)");
            return null;
        }

        var ttl = OptionValues.Duration(options.Ttl, "aws.agent.ttl", TimeSpan.FromSeconds(300), errors);
        var maxEntries = options.MaxEntries ?? 1000;
        if (maxEntries is < 1 or > 100_000)
        {
            errors.Add("aws.agent.max_entries", $"{maxEntries} is out of range: use 1 to 100000 (default 1000)");
        }

        return new AwsAgentSettings(listen, token, ttl, maxEntries);
    }
}
