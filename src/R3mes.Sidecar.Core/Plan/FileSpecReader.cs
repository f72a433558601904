using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Output;
using R3mes.Sidecar.Templates;

namespace R3mes.Sidecar.Plan;

/// <summary>
/// Reads a secret's <c>files:</c>. Each entry is a template string (<c>"{{ username }}"</c>), a mapping
/// (<c>{ key, template, decode, mode, uid, gid }</c>), or empty (<c>{}</c>: the whole value, or the field named
/// like the file).
/// </summary>
public sealed class FileSpecReader
{
    public IReadOnlyList<FileSpec> Read(IConfigurationSection section, OutputSpec output, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var specs = new List<FileSpec>();
        var path = ConfigPath.Of(section);
        if (!section.GetChildren().Any())
        {
            errors.Add(path, "list at least one file, e.g. files: { jwt_secret: {} }");
        }

        foreach (var entry in section.GetChildren())
        {
            var filePath = ConfigPath.Of(entry);
            if (OutputFileName.Problem(entry.Key) is { } problem)
            {
                errors.Add(filePath, problem);
                continue;
            }

            var isTemplateString = entry.Value is not null && !entry.GetChildren().Any();
            var options = isTemplateString
                ? new SecretFileOptions { Template = entry.Value }
                : ConfigBinding.Bind(entry, SecretFileOptions.Keys, errors, s => s.Get<SecretFileOptions>());
            var content = ReadContent(options, filePath, errors);
            var mode = OptionValues.Mode(options.Mode, $"{filePath}.mode", output.Mode, errors);
            if (content is not null)
            {
                specs.Add(new FileSpec(entry.Key, content, mode, options.Uid ?? output.Uid, options.Gid ?? output.Gid));
            }
        }

        return specs;
    }

    private static FileContent? ReadContent(SecretFileOptions options, string path, ConfigErrors errors)
    {
        var decode = false;
        if (options.Decode is { } decoding)
        {
            decode = decoding.Equals("base64", StringComparison.OrdinalIgnoreCase);
            if (!decode)
            {
                errors.Add($"{path}.decode", $"unknown decoding '{decoding}' (known: base64)");
            }
        }

        if (options.Template is not null && options.Key is not null)
        {
            errors.Add(path, "set either template or key, not both");
            return null;
        }

        if (options.Template is null)
        {
            return new FileContent(null, options.Key, decode);
        }

        if (options.Template.Length == 0)
        {
            errors.Add(path, "the template is empty: write e.g. \"{{ password }}\", or {} for the whole value");
            return null;
        }

        try
        {
            return new FileContent(SecretTemplate.Parse(options.Template), null, decode);
        }
        catch (TemplateException e)
        {
            errors.Add(path, $"bad template: {e.Message}");
            return null;
        }
    }
}
